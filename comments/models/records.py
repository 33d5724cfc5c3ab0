"""What happens to comments: moderation events, reader reports and rate-limit records."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ModerationEvent(models.Model):
    """One moderation action on one comment: who (or the system), when, what and why."""

    HELD = "held"
    HIDDEN = "hidden"
    APPROVED = "approved"
    REMOVED = "removed"
    RESTORED = "restored"
    ERASED = "erased"
    ACTION_CHOICES = [
        (HELD, "Held for review"),
        (HIDDEN, "Hidden after reader reports"),
        (APPROVED, "Approved"),
        (REMOVED, "Removed"),
        (RESTORED, "Restored"),
        (ERASED, "Erased at the commenter's request"),
    ]

    comment = models.ForeignKey(
        "django_comments_xtd.XtdComment",
        null=True,
        on_delete=models.SET_NULL,
        related_name="moderation_events",
    )
    # Kept when a comment row is deleted, so the log still says which comment it was.
    comment_number = models.PositiveIntegerField("comment", db_index=True)
    action = models.CharField(max_length=10, choices=ACTION_CHOICES, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Blank when the system acted on its own.",
    )
    actor_name = models.CharField("by", max_length=150, default="System")
    note = models.CharField(max_length=255, blank=True)
    created = models.DateTimeField("when", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "moderation event"

    def __str__(self):
        return f"Comment {self.comment_number}: {self.get_action_display()} by {self.actor_name}"


class ReaderFlag(models.Model):
    """A reader's report that a comment breaks the rules (one per reader per comment)."""

    REASON_CHOICES = [
        ("abuse", "It is abusive, hateful or threatening"),
        ("spam", "It is spam or advertising"),
        ("personal", "It shares someone's personal information"),
        ("off_topic", "It is off-topic"),
        ("other", "Something else"),
    ]

    comment = models.ForeignKey(
        "django_comments_xtd.XtdComment", on_delete=models.CASCADE, related_name="reader_flags"
    )
    # A keyed hash of the reader's account or IP address: enough to count each reader
    # once, cleared by the IP retention purge.
    reporter_key = models.CharField(max_length=64, null=True, blank=True)
    reason = models.CharField(max_length=10, choices=REASON_CHOICES)
    created = models.DateTimeField(default=timezone.now)
    reviewed = models.BooleanField(default=False, help_text="A moderator has acted on it.")

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="one_report_per_reader"
            )
        ]

    def __str__(self):
        return f"Report on comment {self.comment_id}: {self.get_reason_display()}"


class PostingAttempt(models.Model):
    """A comment sent from one IP address or email (both stored as keyed hashes only).

    Rate limits count these, so they work across server processes and include guest
    comments that are not stored until confirmed.
    """

    key = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["key", "created"], name="comments_attempt_key_time")]

    def __str__(self):
        return f"Attempt at {self.created:%Y-%m-%d %H:%M}"


class RateLimitLock(models.Model):
    """One row per rate-limited key (a keyed hash), locked while its limit is checked.

    Checking a limit and recording the new attempt happen in one transaction that first
    writes this row: parallel requests for the same key wait for each other instead of
    all counting the same attempts and passing together.
    """

    key = models.CharField(max_length=64, primary_key=True)
    touched = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"Rate-limit key used {self.touched:%Y-%m-%d %H:%M}"
