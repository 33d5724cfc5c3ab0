"""The signed values in comment links: confirmation, unsubscribe and "comment sent".

Django's signing (JSON, HMAC-SHA256, a salt per kind of link, a timestamp) with
SECRET_KEY, or any key in SECRET_KEY_FALLBACKS while keys are rotated. A link carries
only the id of a record kept in the database: nothing the reader wrote, no email address
and no IP address can be read from it (or from an access log).
"""

import uuid
from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse

from comments import rules

CONFIRM_SALT = "comments.confirm"
MUTE_SALT = "comments.mute"
SENT_SALT = "comments.sent"

BadLink = signing.BadSignature


def _signer(salt):
    # Made per call: the signer reads SECRET_KEY and its fallbacks when it is created.
    return signing.TimestampSigner(salt=salt)


def _value(key, salt, max_age=None):
    value = _signer(salt).unsign_object(str(key), max_age=max_age)
    if not isinstance(value, dict):
        raise BadLink("Not one of our links")
    return value


def confirmation_path(pending):
    """The path of the link that confirms a guest's pending comment."""
    key = _signer(CONFIRM_SALT).sign_object({"p": pending.pk.hex})
    return reverse("comments-xtd-confirm", args=[key])


def pending_id(key):
    """(id of the pending comment, whether the link is older than it may be).

    Raises BadLink for anything we did not sign.
    """
    try:
        value = _value(key, CONFIRM_SALT, max_age=rules.CONFIRM_WITHIN)
        expired = False
    except signing.SignatureExpired:
        value = _value(key, CONFIRM_SALT)
        expired = True
    try:
        return uuid.UUID(_text(value, "p")).hex, expired
    except ValueError as error:
        raise BadLink("Not one of our links") from error


def mute_path(comment):
    """The unsubscribe link for the follower who wrote this comment."""
    key = _signer(MUTE_SALT).sign_object({"c": comment.pk})
    return reverse("comments-xtd-mute", args=[key])


def muted_comment_id(key):
    """The comment id in an unsubscribe link (they never expire). Raises BadLink."""
    return _number(_value(key, MUTE_SALT), "c")


def sent_path(comment=None, item=None):
    """The "comment sent" page for a stored comment, or for a guest's comment on an item."""
    value = {"c": comment.pk} if comment else {"t": item.content_type_id, "i": item.pk}
    key = _signer(SENT_SALT).sign_object(value)
    return reverse("comments-xtd-sent") + "?" + urlencode({"c": key})


def sent_value(key):
    """("comment", id) or ("item", (content type id, page id)). Raises BadLink."""
    value = _value(key, SENT_SALT)
    if "c" in value:
        return "comment", _number(value, "c")
    return "item", (_number(value, "t"), _number(value, "i"))


def _text(value, name):
    found = value.get(name)
    if not isinstance(found, str):
        raise BadLink("Not one of our links")
    return found


def _number(value, name):
    found = value.get(name)
    if not isinstance(found, int) or isinstance(found, bool):
        raise BadLink("Not one of our links")
    return found
