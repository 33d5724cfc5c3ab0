"""The signed values in comment links: confirmation, unsubscribe and "comment sent".

Signed as every emailed link is (cms/signed_links.py). A link carries only the id of a
record kept in the database: nothing the reader wrote, no email address and no IP address
can be read from it (or from an access log).
"""

import uuid
from urllib.parse import urlencode

from django.urls import reverse

from cms.signed_links import BadLink, Expired, sign, signed_value
from comments import rules

CONFIRM_SALT = "comments.confirm"
MUTE_SALT = "comments.mute"
SENT_SALT = "comments.sent"


def confirmation_path(pending):
    """The path of the link that confirms a guest's pending comment."""
    key = sign({"p": pending.pk.hex}, CONFIRM_SALT)
    return reverse("comments-xtd-confirm", args=[key])


def pending_id(key):
    """(id of the pending comment, whether the link is older than it may be).

    Raises BadLink for anything we did not sign.
    """
    try:
        value = signed_value(key, CONFIRM_SALT, max_age=rules.CONFIRM_WITHIN)
        expired = False
    except Expired:
        value = signed_value(key, CONFIRM_SALT)
        expired = True
    try:
        return uuid.UUID(_text(value, "p")).hex, expired
    except ValueError as error:
        raise BadLink("Not one of our links") from error


def mute_path(comment):
    """The unsubscribe link for the follower who wrote this comment."""
    key = sign({"c": comment.pk}, MUTE_SALT)
    return reverse("comments-xtd-mute", args=[key])


def muted_comment_id(key):
    """The comment id in an unsubscribe link (they never expire). Raises BadLink."""
    return _number(signed_value(key, MUTE_SALT), "c")


def sent_path(comment=None, item=None):
    """The "comment sent" page for a stored comment, or for a guest's comment on an item."""
    value = {"c": comment.pk} if comment else {"t": item.content_type_id, "i": item.pk}
    key = sign(value, SENT_SALT)
    return reverse("comments-xtd-sent") + "?" + urlencode({"c": key})


def sent_value(key):
    """("comment", id) or ("item", (content type id, page id)). Raises BadLink."""
    value = signed_value(key, SENT_SALT)
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
