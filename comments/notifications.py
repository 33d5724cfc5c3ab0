"""Every comment email: guest confirmations, follow-ups to followers, moderator notices.

Each email is queued once the transaction that stored its reason has committed, and sent
by the worker (background/email.py): a mail server that is slow, down or refuses one
address never holds a database lock, never rolls a comment back and never makes a reader
wait. A failed send is logged (without the address) and retried with backoff.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django_comments_xtd import get_model
from wagtail.models import Site

from background import email
from comments import links, rules

XtdComment = get_model()

CONFIRMATION_SUBJECT = "Please confirm your comment"
FOLLOWUP_SUBJECT = "New comment on an item you follow"


def send_after_commit(subject, template, context, to, about):
    """Render an email now; the worker sends it once the current transaction commits."""
    return email.send_after_commit(subject, render_to_string(template, context), to, about)


def root_url(page=None):
    """Scheme, host and port of the page's Wagtail site (else the default site)."""
    site = page.get_site() if page is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def send_confirmation(pending):
    """Email a guest the one-time link that publishes their pending comment."""
    context = {"comment": pending, "confirmation_url": links.confirmation_path(pending)}
    return send_after_commit(
        CONFIRMATION_SUBJECT,
        "comments/email/confirmation.txt",
        context,
        pending.user_email,
        f"pending comment {pending.pk}",
    )


def notify_followers(comment):
    """Tell everyone following the item (but the author) about a newly visible comment."""
    page = comment.content_object
    following = (
        XtdComment.norel_objects.filter(
            content_type_id=comment.content_type_id,
            object_pk=comment.object_pk,
            is_public=True,
            is_removed=False,
            followup=True,
        )
        .exclude(user_email__iexact=comment.user_email)
        .exclude(user_email="")
        .only("id", "user_name", "user_email")
        .order_by("pk")
    )
    followers = {}
    for earlier in following:
        followers.setdefault(earlier.user_email.lower(), earlier)
    for follower in followers.values():
        context = {
            "user_name": follower.user_name,
            "comment": comment,
            "content_object": page,
            "mute_url": links.mute_path(follower),
        }
        send_after_commit(
            FOLLOWUP_SUBJECT,
            "comments/email/followup.txt",
            context,
            follower.user_email,
            f"comment {comment.pk} to the follower of comment {follower.pk}",
        )


def notify_moderators(comment, reason):
    """Tell moderators a comment is waiting for review, if the site setting asks for it."""
    page = comment.content_object
    comment_settings = rules.settings_for(page)
    if not (comment_settings.notify_moderators and comment_settings.moderator_email):
        return
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "reader_comments:inspect", args=[comment.pk]
    )
    context = {"comment": comment, "page": page, "reason": reason, "review_url": review_url}
    send_after_commit(
        f"Comment waiting for review on “{page.title}”",
        "comments/email/moderator_notification.txt",
        context,
        comment_settings.moderator_email,
        f"comment {comment.pk} to moderators",
    )
