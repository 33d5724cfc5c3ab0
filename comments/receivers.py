"""Signal receivers that apply our rules at the points django-comments-xtd offers."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from django_comments_xtd import get_model
from django_comments_xtd.models import TmpXtdComment, publish_or_unpublish_on_pre_save
from django_comments_xtd.signals import confirmation_received

from cms.cache import bump_content_version
from comments import actions, rules
from comments.models import CommentSettings

XtdComment = get_model()


def on_comment_created(sender, instance, created, raw=False, **kwargs):
    """A comment stored as not public is held for review: log why and tell moderators."""
    if raw or not created or instance.is_public or instance.is_removed:
        return
    page = instance.content_object
    reasons = rules.hold_reasons(
        instance.comment, instance.user_name, rules.settings_for(page), instance.user
    )
    actions.hold(instance, reasons)


def on_confirmation(sender, comment, request, **kwargs):
    """Check a guest's comment again when its email link is followed.

    Days may pass between posting and confirming: the item may have closed, the comment
    replied to may have gone, the site may have switched to pre-moderation. Returning
    False makes xtd show our "not published" page, which gives the reader their text.
    """
    if comment.xtd_comment is not None:
        return None  # a signed-in user's comment, already checked and stored
    page = comment.content_object
    comment_settings = rules.settings_for(page, request)
    comment.discard_reason = rules.closed_reason(page, comment_settings)
    if timezone.now() - comment.submit_date > rules.CONFIRM_WITHIN:
        comment.discard_reason = (
            f"This link has expired: links work for {rules.CONFIRM_WITHIN.days} days. "
            "Please post your comment again."
        )
    if comment.discard_reason is None and comment.parent_id:
        parent = XtdComment.norel_objects.filter(pk=comment.parent_id).first()
        if parent is None or not actions.is_visible(parent):
            comment.discard_reason = "The comment you replied to is no longer published."
    if comment.discard_reason is None and rules.duplicate_of(comment) is not None:
        comment.discard_reason = "You have already posted this comment."
    if comment.discard_reason:
        return False
    del comment["discard_reason"]  # not a field: the comment is built from these keys
    comment.is_public = not rules.hold_reasons(comment.comment, comment.user_name, comment_settings)
    return None


def connect():
    # xtd publishes or hides every reply whenever a comment is saved, which would publish
    # replies still held for review when their parent is approved. Each comment's state
    # is its own here; the thread shows a placeholder for a hidden parent instead.
    pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=XtdComment)
    post_save.connect(on_comment_created, sender=XtdComment, dispatch_uid="comments.created")
    confirmation_received.connect(
        on_confirmation, sender=TmpXtdComment, dispatch_uid="comments.confirmation"
    )
    # Threads and teaser counts are part of cached pages: any change makes them stale.
    for model in (XtdComment, CommentSettings):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"comments.{model}")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"comments.del.{model}"
        )
