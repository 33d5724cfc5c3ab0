"""The index's life: rebuild with zero downtime (versioned index + alias), check.

A rebuild fills a new `<prefix>-content-<timestamp>` index while readers keep searching the
old one, then moves the alias to it in one atomic call (search/aliases.py).
"""

import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from search import elastic
from search.aliases import create_index, indices_behind_alias, new_index_name
from search.documents import ContentDocument
from search.drain import drain, send, versioned_operations
from search.models import IndexChange, VersionClock
from search.sources import batches, indexable_pages, iter_documents

BULK_THREADS = 2


@dataclass
class RebuildReport:
    """What a rebuild did, for the command to print."""

    index: str
    documents: int = 0
    seconds: float = 0.0
    removed: list = field(default_factory=list)
    replayed: int = 0

    @property
    def rate(self):
        return self.documents / self.seconds if self.seconds else 0.0


def rebuild(progress=None, batch_size=1000, keep_old=False):
    """Build a new index from the database, swap the alias to it, drop the old one(s).

    Changes applied (to the old index) while the rebuild ran are replayed into the new one
    afterwards, so nothing published during a rebuild is missed. progress(done, total) is
    called per batch.
    """
    es = elastic.maintenance_client()
    started = time.monotonic()
    # Taken before any page is read: a change the rebuild may have missed was committed
    # after it, so the drain that applied it took a later tick.
    version = VersionClock.tick()
    pages = indexable_pages()
    total = pages.count()
    name = create_index(es, new_index_name(), bulk_loading=True)
    report = RebuildReport(index=name)
    # Elasticsearch indexes one batch while the next is read from the database.
    with ThreadPoolExecutor(max_workers=BULK_THREADS) as pool:
        in_flight = deque()
        for batch in batches(iter_documents(pages, batch_size=batch_size), batch_size):
            in_flight.append(pool.submit(_load, name, batch, version))
            while len(in_flight) >= BULK_THREADS:
                report.documents += in_flight.popleft().result()
                if progress:
                    progress(report.documents, total)
        while in_flight:
            report.documents += in_flight.popleft().result()
            if progress:
                progress(report.documents, total)
    es.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
    es.indices.refresh(index=name)
    es.cluster.health(index=name, wait_for_status="yellow", timeout="60s")
    old = indices_behind_alias(es)
    actions = [{"remove": {"index": index, "alias": elastic.alias()}} for index in old]
    actions.append({"add": {"index": name, "alias": elastic.alias()}})
    es.indices.update_aliases(actions=actions)
    if not keep_old:
        for index in old:
            es.indices.delete(index=index)
        report.removed = old
    replay = IndexChange.objects.filter(applied_version__gt=version)
    report.replayed = replay.update(processed_at=None, applied_version=None)
    if report.replayed or IndexChange.objects.pending().exists():
        drain(respect_backoff=False)
    report.seconds = time.monotonic() - started
    return report


def _load(index, documents, version):
    """Index one batch into the new index; the number of documents written."""
    by_id = {int(document.meta.id): document for document in documents}
    failures = send(versioned_operations(list(by_id), by_id, version), index=index)
    if failures:
        page_id, error = next(iter(failures.items()))
        raise elastic.SearchUnavailable(
            f"Elasticsearch rejected {len(failures)} documents, e.g. page {page_id}: {error}"
        )
    return len(documents)


@dataclass
class IndexHealth:
    """The result of comparing the index with the database."""

    alias: str
    indices: list
    documents: int
    expected: int
    missing: list
    unexpected: list
    pending_changes: int
    failed_changes: int

    @property
    def ok(self):
        return (
            len(self.indices) == 1
            and not self.missing
            and not self.unexpected
            and not self.failed_changes
        )


def check():
    """Compare the index with the live pages in the database, id by id."""
    es = elastic.maintenance_client()
    indices = indices_behind_alias(es)
    indexed = set()
    if indices:
        es.indices.refresh(index=elastic.alias())
        search = ContentDocument.search(using=es, index=elastic.alias()).source(False)
        indexed = {int(hit.meta.id) for hit in search.params(size=1000).scan()}
    expected = set(indexable_pages().values_list("pk", flat=True))
    return IndexHealth(
        alias=elastic.alias(),
        indices=indices,
        documents=len(indexed),
        expected=len(expected),
        missing=sorted(expected - indexed),
        unexpected=sorted(indexed - expected),
        pending_changes=IndexChange.objects.pending().count(),
        failed_changes=IndexChange.objects.failed().count(),
    )
