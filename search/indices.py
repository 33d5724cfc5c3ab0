"""The index's life: create, rebuild with zero downtime (versioned index + alias), check.

Readers and the outbox always use the alias (`<prefix>-content`); a rebuild fills a new
`<prefix>-content-<timestamp>` index and then moves the alias to it in one atomic call.
"""

import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone
from elasticsearch_dsl import Index

from search import elastic
from search.documents import INDEX_SETTINGS, ContentDocument
from search.models import IndexChange
from search.sources import batches, indexable_pages, iter_documents

BULK_THREADS = 2


def new_index_name():
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    return f"{elastic.alias()}-{stamp}"


def index_definition(name):
    index = Index(name)
    index.settings(**INDEX_SETTINGS)
    index.document(ContentDocument)
    return index


def create_index(es, name, bulk_loading=False):
    """Create an empty versioned index; bulk_loading turns refresh off until it is done."""
    index = index_definition(name)
    if bulk_loading:
        index.settings(refresh_interval="-1")
    index.create(using=es)
    return name


def indices_behind_alias(es):
    """Names of the indices the alias points at (normally exactly one)."""
    if not es.indices.exists_alias(name=elastic.alias()):
        return []
    return sorted(es.indices.get_alias(name=elastic.alias()).body)


def ensure_index(es):
    """Make sure the alias exists, creating a first empty index if needed; returns its index."""
    current = indices_behind_alias(es)
    if current:
        return current[-1]
    if es.indices.exists(index=elastic.alias()):
        raise elastic.SearchUnavailable(
            f"{elastic.alias()} is an index, not an alias; delete it and run "
            "`manage.py rebuild_search_index`."
        )
    name = create_index(es, new_index_name())
    es.indices.put_alias(index=name, name=elastic.alias())
    return name


def document_actions(documents, version):
    """Bulk index operations for `documents`, each with an external version."""
    for document in documents:
        yield {
            "index": {"_id": document.meta.id, "version": version, "version_type": "external_gte"}
        }
        yield document.to_dict()


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

    Changes recorded while the rebuild ran are replayed into the new index afterwards, so
    nothing published during a rebuild is missed. progress(done, total) is called per batch.
    """
    from search.drain import drain

    es = elastic.maintenance_client()
    started = time.monotonic()
    start_id = IndexChange.objects.aggregate(last=Max("id"))["last"] or 0
    version = max(start_id, 1)
    pages = indexable_pages()
    total = pages.count()
    name = create_index(es, new_index_name(), bulk_loading=True)
    report = RebuildReport(index=name)
    # Elasticsearch indexes one batch while the next is read from the database.
    with ThreadPoolExecutor(max_workers=BULK_THREADS) as pool:
        in_flight = deque()
        for batch in batches(iter_documents(pages, batch_size=batch_size), batch_size):
            operations = list(document_actions(batch, version))
            in_flight.append(pool.submit(_bulk, es, name, operations))
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
    report.replayed = IndexChange.objects.filter(id__gt=start_id).update(processed_at=None)
    if report.replayed:
        drain(respect_backoff=False)
    report.seconds = time.monotonic() - started
    return report


def _bulk(es, index, operations):
    """Index one batch; the number of documents written."""
    response = es.bulk(index=index, operations=operations)
    if response["errors"]:
        failures = [item["index"] for item in response["items"] if item["index"].get("error")]
        raise elastic.SearchUnavailable(
            f"Elasticsearch rejected {len(failures)} documents, e.g. {failures[0]['error']}"
        )
    return len(operations) // 2


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
    from search.drain import MAX_ATTEMPTS

    es = elastic.maintenance_client()
    indices = indices_behind_alias(es)
    indexed = set()
    if indices:
        es.indices.refresh(index=elastic.alias())
        search = ContentDocument.search(using=es, index=elastic.alias()).source(False)
        indexed = {int(hit.meta.id) for hit in search.params(size=1000).scan()}
    expected = set(indexable_pages().values_list("pk", flat=True))
    pending = IndexChange.objects.filter(processed_at=None)
    return IndexHealth(
        alias=elastic.alias(),
        indices=indices,
        documents=len(indexed),
        expected=len(expected),
        missing=sorted(expected - indexed),
        unexpected=sorted(indexed - expected),
        pending_changes=pending.filter(attempts__lt=MAX_ATTEMPTS).count(),
        failed_changes=pending.filter(attempts__gte=MAX_ATTEMPTS).count(),
    )
