"""The search outbox drain as a task: queued after each commit that recorded changes."""

from django_tasks import task

from background.queue import retrying
from search import elastic

# One drain's time limit; whatever is left is taken by the next drain (each takes all rows).
DRAIN_SECONDS = 60


@task(takes_context=True)
@retrying(elastic.SearchUnavailable)
def drain_search_outbox():
    """Apply every pending outbox row to Elasticsearch; retried with backoff while it is
    down (the rows stay pending meanwhile, and `every_minute` drains them too)."""
    # Imported here, not at the top: search/indexing.py imports this module in every
    # process, and the drain needs elasticsearch_dsl, which a database-only site never loads.
    from search.drain import drain

    report = drain(max_seconds=DRAIN_SECONDS, respect_backoff=False)
    return {"applied": report.applied, "failed": report.failed}
