"""The task queue's part of /healthz/ (cms/health.py, settings.HEALTH_CHECKS)."""

from datetime import timedelta

from django.conf import settings

from background.queue import oldest_due_wait


def check_task_queue():
    """The queue (a table in the database) answers, and no due task has waited longer than
    TASK_QUEUE_MAX_WAIT_SECONDS: one that has means no worker is taking tasks (all dead or
    stopped), so emails, purges and search updates are piling up."""
    waited = oldest_due_wait()
    limit = timedelta(seconds=settings.TASK_QUEUE_MAX_WAIT_SECONDS)
    if waited is None:
        return "nothing waiting"
    seconds = int(waited.total_seconds())
    if waited > limit:
        raise RuntimeError(
            f"a task has waited {seconds} s for a worker (limit {int(limit.total_seconds())} s):"
            " is `manage.py db_worker` running?"
        )
    return f"oldest due task waited {seconds} s"
