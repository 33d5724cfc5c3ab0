"""Our records around django-comments-xtd's comments: settings, moderation log, reports."""

from comments.models.records import ModerationEvent, PostingAttempt, ReaderFlag
from comments.models.settings import CommentSettings

__all__ = ["CommentSettings", "ModerationEvent", "PostingAttempt", "ReaderFlag"]
