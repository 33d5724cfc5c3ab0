"""Our rules plugged into django-comments-xtd's moderator for every kind of content page."""

from django.apps import apps
from django_comments_xtd.moderation import XtdCommentModerator, moderator

from comments import rules


class ContentPageModerator(XtdCommentModerator):
    """Refuses comments on closed items; holds for review what our rules say must wait."""

    def allow(self, comment, content_object, request):
        return rules.closed_reason(content_object) is None

    def moderate(self, comment, content_object, request):
        comment_settings = rules.settings_for(content_object, request)
        user = getattr(request, "user", None)
        return bool(rules.hold_reasons(comment.comment, comment.user_name, comment_settings, user))

    def email(self, comment, content_object, request):
        # Moderators hear about held comments from comments.receivers, which also covers
        # comments held after an email confirmation.
        return


def commentable_models():
    """ContentPage and all its subclasses: articles, columns, videos."""
    from cms.models import ContentPage

    return [model for model in apps.get_models() if issubclass(model, ContentPage)]


def register_moderation():
    for model in commentable_models():
        if model not in moderator._registry:
            moderator.register(model, ContentPageModerator)
