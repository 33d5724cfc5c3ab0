"""/healthz/ reports the task queue: 503 once a due task has waited past
TASK_QUEUE_MAX_WAIT_SECONDS (no worker takes tasks), 200 again once a worker ran it; a
retry waiting for its backoff is not waiting for a worker."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.email import send_email
from background.queue import oldest_due_wait
from tests.background.helpers import run_due_tasks

pytestmark = pytest.mark.django_db

PUBLIC = {"REMOTE_ADDR": "203.0.113.7"}


def queue_email(key):
    send_email.enqueue(key, "Subject", "Body", "reader@example.org", "a test")
    return DBTaskResult.objects.filter(args_kwargs__args__0=key)


def test_a_task_no_worker_took_is_503_until_a_worker_runs_it(client, settings):
    settings.TASK_QUEUE_MAX_WAIT_SECONDS = 300
    queue_email("fresh")
    assert client.get("/healthz/").json()["checks"]["task_queue"]["ok"] is True

    queue_email("stuck").update(enqueued_at=timezone.now() - timedelta(seconds=301))
    local = client.get("/healthz/")
    public = client.get("/healthz/", **PUBLIC)

    assert local.status_code == 503
    check = local.json()["checks"]["task_queue"]
    assert check["ok"] is False
    assert "waited 301 s for a worker (limit 300 s)" in check["error"]
    assert "db_worker" in check["error"]
    assert (public.status_code, public.json()) == (503, {"status": "unavailable"})

    run_due_tasks()  # a worker comes back and takes both

    healthy = client.get("/healthz/")
    assert healthy.status_code == 200
    assert healthy.json()["checks"]["task_queue"]["note"] == "nothing waiting"


def test_a_retry_waits_from_its_run_after_not_from_when_it_was_queued(client, settings):
    settings.TASK_QUEUE_MAX_WAIT_SECONDS = 300
    now = timezone.now()
    retry = queue_email("retry")
    # Queued an hour ago to run after a backoff that ends in a minute: not late.
    retry.update(enqueued_at=now - timedelta(hours=1), run_after=now + timedelta(minutes=1))
    assert oldest_due_wait(now) is None
    assert client.get("/healthz/").status_code == 200

    # Its backoff ended ten minutes ago and no worker took it: late by ten minutes.
    retry.update(run_after=now - timedelta(minutes=10))
    assert oldest_due_wait(now) == timedelta(minutes=10)
    assert client.get("/healthz/").status_code == 503
