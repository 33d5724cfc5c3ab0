"""The search outbox: pages whose search document must be brought up to date."""

from django.db import models
from django.utils import timezone


class IndexChange(models.Model):
    """One change to apply to the search index, recorded with the change that caused it.

    Rows say only *which* page changed; draining reads the page's current state, so rows
    can be applied in any order, more than once, and after any outage.
    """

    class Reason(models.TextChoices):
        SAVED = "saved", "Page saved or published"
        DELETED = "deleted", "Page deleted"
        MOVED = "moved", "Page moved"
        TAXONOMY = "taxonomy", "Topic or author changed"
        PRIVACY = "privacy", "Privacy changed"
        REBUILD = "rebuild", "Index rebuilt"

    # A plain number, not a foreign key: the row must outlive a deleted page.
    page_id = models.BigIntegerField(db_index=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "search index change"
        indexes = [models.Index(fields=["processed_at", "id"], name="search_outbox_pending")]

    def __str__(self):
        state = "applied" if self.processed_at else "pending"
        return f"Page {self.page_id} ({self.get_reason_display()}, {state})"
