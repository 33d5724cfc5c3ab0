"""Draining the search outbox: apply pending changes to Elasticsearch, safely in any order.

Each pending IndexChange names a page; draining takes the next tick of the VersionClock,
then loads every such page's current state and indexes or deletes its document in one bulk
request with that tick as its external version, so a late drain never replaces a newer
state. See search/indexing.py for how rows are recorded.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from search import elastic
from search.aliases import ensure_index
from search.models import IndexChange, VersionClock
from search.sources import indexable_pages, iter_documents

logger = logging.getLogger(__name__)


@dataclass
class DrainReport:
    """How many outbox rows a drain applied, how many failed, and how many are left."""

    applied: int = 0
    failed: int = 0

    @property
    def pending(self):
        return IndexChange.objects.pending().count()


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
    Elasticsearch cannot be reached; rows it rejects are retried up to
    IndexChange.MAX_ATTEMPTS times.
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
        pending = IndexChange.objects.pending(retry_failed).filter(id__gt=last_id)
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


def versioned_operations(page_ids, documents, version):
    """Bulk operations bringing each of `page_ids` to its state in `documents`.

    documents: {page id: document} for the pages that should be in the index (the others
    are deleted); version: a VersionClock tick taken before `documents` were loaded.
    Elasticsearch keeps whichever version is highest, so an operation from an older drain
    arriving late is refused (409) instead of undoing a newer one.
    """
    operations = []
    for page_id in page_ids:
        meta = {"_id": page_id, "version": version}
        if page_id in documents:
            # _gte: a rebuild's replay may send a page again with the same tick.
            operations.append({"index": {**meta, "version_type": "external_gte"}})
            operations.append(documents[page_id].to_dict())
        else:
            operations.append({"delete": {**meta, "version_type": "external"}})
    return operations


def send(operations, index=None):
    """Send bulk operations to `index` (the alias by default); {page id: error} for those
    Elasticsearch refused."""
    response = elastic.call(
        lambda es: es.bulk(index=index or elastic.alias(), operations=operations),
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
    page_ids = list(dict.fromkeys(page_id for _, page_id in rows))
    # The rows were read before the tick, and the tick before the pages: each row's change
    # was committed before the tick, so it is in the state sent with it.
    version = VersionClock.tick()
    documents = {
        int(document.meta.id): document
        for document in iter_documents(indexable_pages().filter(pk__in=page_ids))
    }
    try:
        failures = send(versioned_operations(page_ids, documents, version))
    except elastic.SearchUnavailable as exc:
        # An outage is not the rows' fault: note it without counting an attempt.
        IndexChange.objects.filter(id__in=row_ids).update(last_error=str(exc)[:1000])
        raise
    done = [row_id for row_id, page_id in rows if page_id not in failures]
    IndexChange.objects.filter(id__in=done).update(
        processed_at=timezone.now(), applied_version=version
    )
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
