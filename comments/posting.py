"""Storing comments: a signed-in reader's at once, a guest's when their link is followed."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_comments_xtd import get_model

from comments import actions, notifications, rules
from comments.models import PendingComment

XtdComment = get_model()

# What a new comment (or a pending one) is made of, besides its author's account.
FIELDS = (
    "content_type",
    "object_pk",
    "site_id",
    "parent_id",
    "user_name",
    "user_email",
    "comment",
    "followup",
    "ip_address",
)


def fields_from(form, item, site_id, ip):
    """The new comment's fields from a valid comment form about a live item."""
    data = form.cleaned_data
    return {
        "content_type": ContentType.objects.get_for_model(item),
        "object_pk": str(item.pk),
        "site_id": site_id,
        "parent_id": data["reply_to"] or 0,
        "user_name": data["name"],
        "user_email": data["email"],
        "comment": data["comment"],
        "followup": bool(data["followup"]),
        "ip_address": ip,
    }


def store(fields, user=None, submit_date=None):
    """Save a comment, published or held as our rules say; its followers (or, for a held
    one, the moderators, through comments.receivers) are emailed after commit."""
    comment = XtdComment(**fields, user=user, user_url="", is_removed=False)
    if submit_date is not None:
        comment.submit_date = submit_date
    item = comment.content_object
    comment.is_public = not rules.hold_reasons(
        comment.comment, comment.user_name, rules.settings_for(item), user
    )
    comment.save()
    if comment.is_public:
        notifications.notify_followers(comment)
    return comment


def hold_for_confirmation(fields):
    """Keep a guest's comment until they follow the emailed link; the email is queued
    after commit. (pending comment, the email's key)"""
    pending = PendingComment.objects.create(**fields)
    return pending, notifications.send_confirmation(pending)


@dataclass
class Confirmation:
    """What following a confirmation link did: stored a comment, or why it did not."""

    item: object = None
    comment: XtdComment | None = None
    discarded: PendingComment | None = None
    reason: str = ""
    used: bool = False


EXPIRED = (
    f"This link has expired: links work for {rules.CONFIRM_WITHIN.days} days. "
    "Please post your comment again."
)


@transaction.atomic
def confirm(pending_id, expired):
    """Turn the pending comment into a comment, once: the record is locked and deleted.

    The rules are checked again, since days may have passed since it was posted: the
    item may have closed, the comment replied to may have gone, the site may have switched
    to pre-moderation.
    """
    pending = PendingComment.objects.select_for_update().filter(pk=pending_id).first()
    if pending is None:  # used already, erased, or purged after expiring
        return Confirmation(used=True)
    pending.delete()
    item = rules.item_of(pending)
    reason = EXPIRED if expired else _discard_reason(pending, item)
    if reason:
        return Confirmation(item=item, discarded=pending, reason=reason)
    fields = {name: getattr(pending, name) for name in FIELDS}
    comment = store(fields, submit_date=pending.submit_date)
    return Confirmation(item=item, comment=comment)


def _discard_reason(pending, item):
    if item is None:
        return "Comments are closed on this item."
    closed = rules.closed_reason(item)
    if closed:
        return closed
    if pending.parent_id:
        parent = XtdComment.norel_objects.filter(pk=pending.parent_id).first()
        if parent is None or not actions.is_visible(parent):
            return "The comment you replied to is no longer published."
    if rules.duplicate_of(pending) is not None:
        return "You have already posted this comment."
    return ""
