"""Running queued tasks in tests: with the database backend's own worker loop, in-process."""

from contextlib import contextmanager

from django.test import TestCase
from django_tasks_db.management.commands import db_worker


def run_due_tasks(queue="*"):
    """Run every task that is due (not those waiting for a retry's backoff), as
    `manage.py db_worker --batch` would, in this process and its database transaction;
    only those of `queue` if given (e.g. cms.changes.PURGE_QUEUE, as the purge worker).

    The loop's close_old_connections() is left out, as Django's test client leaves it out
    of requests: it would close the test's connection (in a transaction) on PostgreSQL.
    """
    keep = db_worker.close_old_connections
    db_worker.close_old_connections = lambda: None
    try:
        _worker(queue).run()
    finally:
        db_worker.close_old_connections = keep


def _worker(queue):
    return db_worker.Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )


@contextmanager
def committed():
    """End the block as a committed request ends with a worker beside it: run what was
    queued for after the commit, then the tasks that queued. (Tests run in a transaction
    that is rolled back, so otherwise nothing queued for after the commit would run.)"""
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield
    run_due_tasks()
