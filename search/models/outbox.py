"""The search outbox: pages whose search document must be brought up to date, and the
clock that versions those documents."""

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone


class IndexChangeQuerySet(models.QuerySet):
    """Outbox rows by state: waiting to be applied, or given up on after MAX_ATTEMPTS."""

    def pending(self, retry_failed=False):
        """Rows not applied yet (without `retry_failed`, only those still being retried)."""
        rows = self.filter(processed_at=None)
        return rows if retry_failed else rows.filter(attempts__lt=IndexChange.MAX_ATTEMPTS)

    def failed(self):
        """Rows Elasticsearch rejected MAX_ATTEMPTS times: they wait for --retry-failed."""
        return self.filter(processed_at=None, attempts__gte=IndexChange.MAX_ATTEMPTS)


class IndexChange(models.Model):
    """One change to apply to the search index, recorded with the change that caused it.

    Rows say only *which* page changed; draining reads the page's current state, so rows
    can be applied in any order, more than once, and after any outage.
    """

    # After this many rejections a row waits for `drain_search_outbox --retry-failed`.
    MAX_ATTEMPTS = 10

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
    # The clock tick of the drain that applied it: a rebuild replays what was applied
    # after it started, whatever the order rows were inserted or committed in.
    applied_version = models.PositiveBigIntegerField(null=True, blank=True)

    objects = IndexChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "search index change"
        indexes = [models.Index(fields=["processed_at", "id"], name="search_outbox_pending")]

    def __str__(self):
        state = "applied" if self.processed_at else "pending"
        return f"Page {self.page_id} ({self.get_reason_display()}, {state})"


class VersionClock(models.Model):
    """The search index's logical clock: the external version each drain sends documents with.

    A drain takes the next tick *before* it loads the pages it indexes, so a document is
    never sent with a version newer than the state it carries, and a change committed
    before a tick is in the state of every drain that takes a later one. Elasticsearch
    keeps the highest version it has seen, so a slow drain cannot replace a newer state.
    Outbox row ids cannot serve: on PostgreSQL they follow insert order, not commit order.
    """

    # One row (the migration creates it).
    ONLY = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ONLY)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "search version clock"

    def __str__(self):
        return f"Search documents at version {self.version}"

    @classmethod
    def tick(cls):
        """The next version, committed before it is returned (call it outside transactions)."""
        with transaction.atomic():
            rows = cls.objects.filter(pk=cls.ONLY)
            if not rows.update(version=F("version") + 1):
                cls.objects.get_or_create(pk=cls.ONLY)
                rows.update(version=F("version") + 1)
            return rows.values_list("version", flat=True).get()
