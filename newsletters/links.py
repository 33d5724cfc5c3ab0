"""The signed values in newsletter links: confirm a sign-up, unsubscribe, preferences.

Django's signing (JSON, HMAC-SHA256 with SECRET_KEY, a salt per kind of link, a
timestamp). A link carries a random id only (a sign-up's or a subscriber's), never an
email address, so nothing personal reaches a URL or an access log.
"""

import uuid

from django.conf import settings
from django.core import signing
from django.urls import reverse

from newsletters.rendering import root_url

CONFIRM_SALT = "newsletters.confirm"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"
PREFERENCES_SALT = "newsletters.preferences"
SAMPLE = "sample"

BadLink = signing.BadSignature
Expired = signing.SignatureExpired


def _signer(salt):
    # Made per call: the signer reads SECRET_KEY and its fallbacks when it is created.
    return signing.TimestampSigner(salt=salt)


def _value(key, salt, max_age=None):
    value = _signer(salt).unsign_object(str(key), max_age=max_age)
    if not isinstance(value, dict):
        raise BadLink("Not one of our links")
    return value


def _text(value, name):
    """A random id (32 hex digits) from the signed value."""
    found = value.get(name)
    if not isinstance(found, str) or len(found) != 32:
        raise BadLink("Not one of our links")
    try:
        return uuid.UUID(hex=found).hex
    except ValueError as exc:
        raise BadLink("Not one of our links") from exc


def _number(value, name):
    found = value.get(name)
    if found is None:
        return None
    if not isinstance(found, int) or isinstance(found, bool) or not 0 < found < 2**63:
        raise BadLink("Not one of our links")
    return found


def absolute(path, root=None):
    """The path as a full URL on the site (`root`: the site's address, if known)."""
    return (root or root_url()) + path


def confirm_path(pending):
    key = _signer(CONFIRM_SALT).sign_object({"p": pending.pk.hex})
    return reverse("newsletters:confirm", args=[key])


def pending_id(key):
    """The sign-up id in a confirmation link. Raises Expired after
    NEWSLETTER_CONFIRM_HOURS, BadLink for anything we did not sign."""
    max_age = settings.NEWSLETTER_CONFIRM_HOURS * 3600
    return _text(_value(key, CONFIRM_SALT, max_age=max_age), "p")


def unsubscribe_path(subscriber, mailing_list, delivery=None):
    """One-click unsubscribe from one list (RFC 8058); the delivery counts it per issue."""
    value = {"s": subscriber.key.hex, "l": mailing_list.pk}
    if delivery is not None:
        value["d"] = delivery.pk
    return reverse("newsletters:unsubscribe", args=[_signer(UNSUBSCRIBE_SALT).sign_object(value)])


def unsubscribe_value(key):
    """(subscriber key, list id, delivery id or None). They never expire. Raises BadLink."""
    value = _value(key, UNSUBSCRIBE_SALT)
    list_id = _number(value, "l")
    if list_id is None:
        raise BadLink("Not one of our links")
    return _text(value, "s"), list_id, _number(value, "d")


def preferences_path(subscriber):
    key = _signer(PREFERENCES_SALT).sign_object({"s": subscriber.key.hex})
    return reverse("newsletters:preferences", args=[key])


def preferences_subscriber_key(key):
    """The subscriber key in a preferences link (it never expires). Raises BadLink."""
    return _text(_value(key, PREFERENCES_SALT), "s")


def sample_path():
    """Where the links of a preview or test message lead: a page that says so."""
    return reverse("newsletters:preferences", args=[SAMPLE])
