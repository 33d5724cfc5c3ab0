"""Signal receivers: a held comment is logged and announced; changes go to the change
pipeline (cms/changes.py), which purges the item's page and the listings showing its count."""

from django.db.models.signals import post_delete, post_save, pre_save
from django_comments_xtd import get_model
from django_comments_xtd.models import publish_or_unpublish_on_pre_save

from cms import changes
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


def remember_if_public(sender, instance, raw=False, **kwargs):
    """Before a save: whether readers could see the comment until now."""
    instance._was_public = bool(instance.pk) and (
        XtdComment.objects.filter(pk=instance.pk, is_public=True).exists()
    )


def on_comment_changed(sender, instance, raw=False, signal=None, **kwargs):
    """A comment published, hidden, removed, erased or deleted: its item is stale. A comment
    saved while held for review, before and after, shows nowhere (readers' posts are held
    and saved twice by xtd): nothing is."""
    if signal is post_save and not instance.is_public and not instance._was_public:
        return
    page = instance.content_object if not raw else None
    if page is not None:
        changes.record(changes.Event.COMMENT, page=page)


def on_settings_changed(sender, raw=False, created=False, **kwargs):
    # Settings made with their defaults (on a site's first comment) change nothing shown.
    if not (raw or created):
        changes.record(changes.Event.SETTINGS)


def connect():
    # xtd publishes or hides every reply whenever a comment is saved, which would publish
    # replies still held for review when their parent is approved. Each comment's state
    # is its own here; the thread shows a placeholder for a hidden parent instead.
    pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=XtdComment)
    post_save.connect(on_comment_created, sender=XtdComment, dispatch_uid="comments.created")
    pre_save.connect(remember_if_public, sender=XtdComment, dispatch_uid="comments.was-public")
    # Threads and teaser counts are part of cached pages.
    for signal in (post_save, post_delete):
        signal.connect(on_comment_changed, sender=XtdComment, dispatch_uid=f"comments.{signal}")
        signal.connect(
            on_settings_changed, sender=CommentSettings, dispatch_uid=f"comments.s.{signal}"
        )
