"""Keeping the index in step with the CMS, through an outbox that survives outages.

1. Record. Model signals write an IndexChange row for every page whose document may have
   changed, inside the same database transaction as the change itself (Page.save() and
   deletes are atomic), so a change is recorded exactly when it is committed:
   - a ContentPage saved with live content (publish, unpublish, scheduled publish, expiry);
   - a ContentPage deleted;
   - a page moved (Wagtail's post_page_move): the page and every item beneath it, as
     their URLs change;
   - a topic or author renamed or deleted, and privacy settings changed: the pages affected.
2. Drain. Once the transaction commits, Wagtail's page_published / page_unpublished /
   post_page_move signals (and the deletes above) trigger a drain: pending rows are read,
   each page's *current* state is loaded, and documents are indexed or deleted in one bulk
   request. Every document carries an external version (the outbox row id), so concurrent
   or late drains can never overwrite a newer state with an older one.
3. Retry. If Elasticsearch does not answer, rows stay pending and nothing is lost. They are
   drained by the next successful publish (every drain takes all pending rows) and by
   `manage.py drain_search_outbox`, run every minute by cron / the dev runner.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import Author, ContentPage, Topic
from search import elastic
from search.indices import ensure_index
from search.models import IndexChange
from search.sources import indexable_pages, iter_documents

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10  # after this many failures a row waits for `drain_search_outbox --retry-failed`
INLINE_SECONDS = 2.0  # how long a drain after a publish may take before leaving the rest
# Saves that touch only revision bookkeeping do not change what readers see.
BOOKKEEPING_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}
Reason = IndexChange.Reason


# 1. Record --------------------------------------------------------------------------------


def record(page_ids, reason):
    """Write outbox rows for `page_ids` in the current transaction (no-op without ES)."""
    if not elastic.enabled():
        return
    rows = [IndexChange(page_id=pk, reason=reason) for pk in dict.fromkeys(page_ids)]
    if rows:
        IndexChange.objects.bulk_create(rows)


def content_pages_within(page):
    """Ids of the ContentPages at or beneath `page`."""
    return ContentPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)


def on_content_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, ContentPage):
        return
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if instance.live or instance.first_published_at is not None:
        record([instance.pk], Reason.SAVED)


def on_content_deleted(sender, instance, **kwargs):
    record([instance.pk], Reason.DELETED)
    drain_after_commit()


def on_page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before != url_path_after:
        record(content_pages_within(instance), Reason.MOVED)
        drain_after_commit()


def on_taxonomy_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    if isinstance(instance, Topic):
        ids = instance.pages.values_list("pk", flat=True)
    else:
        ids = instance.page_links.values_list("page_id", flat=True)
    record(ids, Reason.TAXONOMY)
    drain_after_commit()


def on_taxonomy_deleting(sender, instance, **kwargs):
    # Before the delete, while the links to the pages still exist; the rows commit with it.
    on_taxonomy_saved(sender, instance)


def on_privacy_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        record(content_pages_within(page), Reason.PRIVACY)
        drain_after_commit()


def on_published_or_unpublished(sender, instance, **kwargs):
    if isinstance(instance, ContentPage):
        drain_after_commit()


def connect():
    """Connect the handlers (called once from SearchConfig.ready)."""
    post_save.connect(on_content_saved, dispatch_uid="search-content-saved")
    post_delete.connect(on_content_deleted, sender=ContentPage, dispatch_uid="search-deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="search-moved")
    page_published.connect(on_published_or_unpublished, dispatch_uid="search-published")
    page_unpublished.connect(on_published_or_unpublished, dispatch_uid="search-unpublished")
    for model in (Topic, Author):
        post_save.connect(on_taxonomy_saved, sender=model, dispatch_uid=f"search-{model}-saved")
        pre_delete.connect(
            on_taxonomy_deleting, sender=model, dispatch_uid=f"search-{model}-deleting"
        )
    post_save.connect(on_privacy_changed, sender=PageViewRestriction, dispatch_uid="search-pvr")
    post_delete.connect(
        on_privacy_changed, sender=PageViewRestriction, dispatch_uid="search-pvr-deleted"
    )


# 2. Drain ---------------------------------------------------------------------------------


class _DrainAfterCommit:
    """The drain callback of one transaction (knows whether it has run)."""

    ran = False

    def __call__(self):
        self.ran = True
        _drain_inline()


def drain_after_commit():
    """Drain once the current transaction commits (at once outside a transaction)."""
    if not elastic.enabled():
        return
    connection = transaction.get_connection()
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _DrainAfterCommit) and not callback.ran:
            return  # one drain per transaction is enough: it takes every pending row
    transaction.on_commit(_DrainAfterCommit(), robust=True)


def _drain_inline():
    if elastic.recently_down():
        return  # the drain command retries; don't make every publish wait for a dead server
    try:
        drain(max_seconds=INLINE_SECONDS)
    except elastic.SearchUnavailable as exc:
        logger.warning("Search changes kept in the outbox for later: %s", exc)


@dataclass
class DrainReport:
    """How many outbox rows a drain applied, how many failed, and how many are left."""

    applied: int = 0
    failed: int = 0

    @property
    def pending(self):
        return IndexChange.objects.filter(processed_at=None, attempts__lt=MAX_ATTEMPTS).count()


def drain(
    *,
    batch_size=500,
    max_seconds=None,
    respect_backoff=True,
    retry_failed=False,
    refresh=False,
):
    """Apply pending outbox rows to Elasticsearch, oldest first.

    Raises SearchUnavailable (leaving the rows pending, with the error noted) if
    Elasticsearch cannot be reached; rows it rejects are retried up to MAX_ATTEMPTS times.
    """
    report = DrainReport()
    if not elastic.enabled():
        return report
    try:
        elastic.call(ensure_index, respect_backoff=respect_backoff, maintenance=True)
    except elastic.SearchUnavailable as exc:
        # Say why on the waiting rows (an outage is not the rows' fault: no attempt counted).
        IndexChange.objects.filter(processed_at=None).update(last_error=str(exc)[:1000])
        raise
    started = time.monotonic()
    last_id = 0
    while max_seconds is None or time.monotonic() - started < max_seconds:
        pending = IndexChange.objects.filter(processed_at=None, id__gt=last_id)
        if not retry_failed:
            pending = pending.filter(attempts__lt=MAX_ATTEMPTS)
        rows = list(pending.order_by("id").values_list("id", "page_id")[:batch_size])
        if not rows:
            break
        last_id = rows[-1][0]
        applied, failed = _apply(rows)
        report.applied += applied
        report.failed += failed
    if refresh:
        elastic.call(
            lambda es: es.indices.refresh(index=elastic.alias()),
            respect_backoff=False,
            maintenance=True,
        )
    if report.applied:
        elastic.mark_up()
    return report


def versioned_operations(versions, documents):
    """Bulk operations bringing each page to its current state, versioned by outbox row id.

    versions: {page id: newest outbox row id}; documents: {page id: document} for the pages
    that should be in the index. Elasticsearch keeps whichever version is highest, so an
    older operation arriving late is refused (409) instead of undoing a newer one.
    """
    operations = []
    for page_id, version in versions.items():
        meta = {"_id": page_id, "version": version}
        if page_id in documents:
            operations.append({"index": {**meta, "version_type": "external_gte"}})
            operations.append(documents[page_id].to_dict())
        else:
            operations.append({"delete": {**meta, "version_type": "external"}})
    return operations


def send(operations):
    """Send bulk operations to the alias; {page id: error} for those Elasticsearch refused."""
    response = elastic.call(
        lambda es: es.bulk(index=elastic.alias(), operations=operations),
        respect_backoff=False,
        maintenance=True,
    )
    failures = {}
    for item in response["items"]:
        action, result = next(iter(item.items()))
        status = result.get("status", 500)
        # 409: a newer version is already there. 404 on delete: already gone.
        if status < 300 or status == 409 or (action == "delete" and status == 404):
            continue
        failures[int(result["_id"])] = str(result.get("error", status))[:1000]
    return failures


def _apply(rows):
    """Index or delete the pages of `rows`; mark rows applied or failed. (applied, failed)"""
    row_ids = [row_id for row_id, _ in rows]
    versions = {}
    for row_id, page_id in rows:
        versions[page_id] = max(row_id, versions.get(page_id, 0))
    # The rows were read before the pages, so each page's state is at least as new as its rows.
    documents = {
        int(document.meta.id): document
        for document in iter_documents(indexable_pages().filter(pk__in=list(versions)))
    }
    try:
        failures = send(versioned_operations(versions, documents))
    except elastic.SearchUnavailable as exc:
        # An outage is not the rows' fault: note it without counting an attempt.
        IndexChange.objects.filter(id__in=row_ids).update(last_error=str(exc)[:1000])
        raise
    done = [row_id for row_id, page_id in rows if page_id not in failures]
    IndexChange.objects.filter(id__in=done).update(processed_at=timezone.now())
    for page_id, error in failures.items():
        _note_failure([row_id for row_id, pid in rows if pid == page_id], error)
    if failures:
        logger.error("Elasticsearch rejected %d search documents: %s", len(failures), failures)
    return len(done), len(row_ids) - len(done)


def _note_failure(row_ids, error):
    IndexChange.objects.filter(id__in=row_ids).update(
        attempts=F("attempts") + 1, last_error=error[:1000]
    )


def purge_applied(days):
    """Delete applied rows older than `days` (they are kept a while to replay after rebuilds)."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = IndexChange.objects.filter(processed_at__lt=cutoff).delete()
    return deleted
