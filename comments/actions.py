"""Moderation actions on comments. Each one is written to the moderation log."""

from django.db import transaction

from comments.models import ModerationEvent
from comments.notifications import notify_followers, notify_moderators


def log_event(comment, action, actor=None, note=""):
    """Record one moderation action; no actor means the system acted."""
    return ModerationEvent.objects.create(
        comment=comment,
        comment_number=comment.pk,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=(actor.get_username() if actor is not None else "System")[:150],
        note=note[:255],
    )


def is_visible(comment):
    return comment.is_public and not comment.is_removed


def _first_publication(comment):
    """Approving a comment that readers have never seen: its followers get an email."""
    events = ModerationEvent.objects.filter(comment=comment)
    return (
        events.filter(action=ModerationEvent.HELD).exists()
        and not events.filter(action=ModerationEvent.APPROVED).exists()
    )


def _mark_reports_reviewed(comment):
    return comment.reader_flags.filter(reviewed=False).update(reviewed=True)


@transaction.atomic
def approve(comment, actor, note=""):
    """Publish a held, hidden or removed comment and close its open reports."""
    notify = _first_publication(comment)
    comment.is_public, comment.is_removed = True, False
    comment.save(update_fields=["is_public", "is_removed"])
    cleared = _mark_reports_reviewed(comment)
    if cleared and not note:
        note = f"{cleared} report{'s' if cleared != 1 else ''} dismissed"
    log_event(comment, ModerationEvent.APPROVED, actor, note)
    if notify:
        notify_followers(comment)


@transaction.atomic
def remove(comment, actor, note=""):
    """Take a comment down; readers see "removed by a moderator" in its place."""
    comment.is_removed = True
    comment.save(update_fields=["is_removed"])
    _mark_reports_reviewed(comment)
    log_event(comment, ModerationEvent.REMOVED, actor, note)


@transaction.atomic
def restore(comment, actor, note=""):
    """Undo a removal: the comment returns to the state it had before (published or held)."""
    comment.is_removed = False
    comment.save(update_fields=["is_removed"])
    log_event(comment, ModerationEvent.RESTORED, actor, note)


def hold(comment, reasons):
    """Record why a new comment waits for review and tell moderators."""
    note = "; ".join(reasons) or "Held for review"
    log_event(comment, ModerationEvent.HELD, note=note)
    notify_moderators(comment, note)


@transaction.atomic
def hide_after_reports(comment, reports):
    comment.is_public = False
    comment.save(update_fields=["is_public"])
    note = f"Hidden after {reports} reader reports"
    log_event(comment, ModerationEvent.HIDDEN, note=note)
    notify_moderators(comment, note)
