"""Keeping the index in step with the CMS, through an outbox that survives outages.

1. Record. The change pipeline (cms/changes.py) says which content pages a change affects
   (publish, unpublish, scheduled publish, expiry, delete, a move with everything beneath,
   a topic or author renamed or deleted, privacy changed); `on_recorded` writes an
   IndexChange row for each, inside the same database transaction as the change itself,
   so a change is recorded exactly when it is committed.
2. Drain (search/drain.py). Once the transaction commits (the pipeline's `committed`),
   a drain task (search/tasks.py) is queued for the worker, so no request waits on
   Elasticsearch:
   pending rows are read, each page's *current* state is loaded, and documents are indexed
   or deleted in one bulk request. Every document carries an external version (a tick of
   the VersionClock taken before the state was read), so concurrent or late drains can
   never overwrite a newer state with an older one.
3. Retry. If Elasticsearch does not answer, rows stay pending and nothing is lost. They are
   drained by the drain task's retries (with backoff), by the next change's drain (every
   drain takes all pending rows) and by `manage.py every_minute` (cron / the dev runner).
"""

from cms import changes
from search import elastic, tasks
from search.models import IndexChange

Reason = IndexChange.Reason


# 1. Record --------------------------------------------------------------------------------


def record(page_ids, reason):
    """Write outbox rows for `page_ids` in the current transaction (no-op without ES)."""
    if not elastic.enabled():
        return
    rows = [IndexChange(page_id=pk, reason=reason) for pk in dict.fromkeys(page_ids)]
    if rows:
        IndexChange.objects.bulk_create(rows)


def on_recorded(sender, affected, **kwargs):
    if not elastic.enabled():
        return
    rows = [IndexChange(page_id=pk, reason=reason) for pk, reason in affected.pages.items()]
    IndexChange.objects.bulk_create(rows)


def on_committed(sender, affected, **kwargs):
    if affected.pages and elastic.enabled():
        # Once per committed change: the drain takes every pending row, so a task that
        # finds none left by an earlier one costs one query.
        tasks.drain_search_outbox.enqueue()


def connect():
    """Connect to the change pipeline (called once from SearchConfig.ready)."""
    changes.recorded.connect(on_recorded, dispatch_uid="search-outbox")
    changes.committed.connect(on_committed, dispatch_uid="search-drain")
