"""Queueing tasks after the commit, retrying them with backoff, recovering killed ones.

The queue is django-tasks' database backend (TASKS in cms/settings/base.py): a task is a
row in django_tasks_db's DBTaskResult table, run by `manage.py db_worker`.
"""

import functools
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# A task still marked running after this long belongs to a worker that died (SIGKILL, power
# loss): every task here ends well within it (mail and search calls have timeouts).
STALE_AFTER = timedelta(minutes=10)


def enqueue_after_commit(task, *args, **kwargs):
    """Queue `task(*args, **kwargs)` once the current transaction commits (at once outside
    one), so the worker never sees work whose reason was rolled back."""
    # robust: a queue that cannot be written is logged, never raised at the reader.
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)


def backoff(attempt, first_delay):
    """How long to wait before attempt `attempt + 1`: first_delay, doubled each time."""
    return timedelta(seconds=first_delay * 2 ** (attempt - 1))


def retrying(*errors, attempts=6, first_delay=30):
    """Decorate a task function (before @task(takes_context=True)): when it raises one of
    `errors`, queue it again after a backoff (30 s, 1 min, 2 min, ... by default), up to
    `attempts` runs in all. The failed run is still recorded as failed, with its traceback.
    """

    def decorate(func):
        @functools.wraps(func)
        def run(context, *args, attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except errors as error:
                task = context.task_result.task
                if attempt < attempts:
                    delay = backoff(attempt, first_delay)
                    task.using(run_after=timezone.now() + delay).enqueue(
                        *args, attempt=attempt + 1, **kwargs
                    )
                    logger.warning(
                        "%s failed (attempt %d of %d: %s); retrying in %s",
                        task.name,
                        attempt,
                        attempts,
                        type(error).__name__,
                        delay,
                    )
                else:
                    logger.error("%s failed %d times (%s); giving up", task.name, attempts, error)
                raise

        # Keep the task's name and module (the queue finds it by them), not its signature:
        # django-tasks checks that the first argument is `context`.
        del run.__wrapped__
        return run

    return decorate


def requeue_stale(older_than=STALE_AFTER):
    """Put tasks whose worker died mid-run back in the queue; how many there were.

    The database backend marks a task running when a worker claims it and never looks
    at it again, so without this a task whose worker was killed would never run.
    """
    cutoff = timezone.now() - older_than
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lte=cutoff
    ).update(status=TaskResultStatus.READY, started_at=None)
