"""Our records around django-comments-xtd's comments: settings, moderation log, reports."""

from comments.models.pending import PendingComment
from comments.models.records import ModerationEvent, PostingAttempt, RateLimitLock, ReaderFlag
from comments.models.settings import CommentSettings

__all__ = [
    "CommentSettings",
    "ModerationEvent",
    "PendingComment",
    "PostingAttempt",
    "RateLimitLock",
    "ReaderFlag",
]
