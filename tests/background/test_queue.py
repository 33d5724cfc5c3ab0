"""The task queue's own pieces: retries give up, dead workers' tasks come back, the
periodic command and the queue report, and Wagtail's workflow emails go through the queue.

Tasks run with the database backend's worker loop, in-process (tests/background/helpers.py).
"""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.email import send_email
from background.models import SentEmail
from background.queue import requeue_stale
from tests import factories
from tests.background.helpers import committed, run_due_tasks
from tests.cms.test_workflow import article_form, user_in

pytestmark = pytest.mark.django_db

EMAIL = "background.email.send_email"


def emails(status):
    return DBTaskResult.objects.filter(task_path=EMAIL, status=status)


@pytest.fixture
def mail_down(settings):
    with socket.socket() as probe:  # a local port nothing listens on (bound, then let go)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def test_an_email_runs_twice_but_is_sent_once():
    send_email.enqueue("k1", "Subject", "Body", "reader@example.org", "a test")
    run_due_tasks()
    # As after a worker was killed between sending and being marked done:
    DBTaskResult.objects.update(status="READY")
    run_due_tasks()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == "<k1@publicsectortoday.example>"
    assert emails("SUCCESSFUL").get().return_value == "sent already"
    assert SentEmail.objects.get().about == "a test"


def test_the_last_attempt_gives_up(mail_down, caplog):
    send_email.enqueue("k2", "Subject", "Body", "reader@example.org", "a test", attempt=6)
    run_due_tasks()

    assert emails("FAILED").count() == 1
    assert not emails("READY").exists()  # no seventh attempt
    assert "failed 6 times" in caplog.text and "giving up" in caplog.text
    assert "reader@example.org" not in caplog.text


def test_backoff_doubles(mail_down):
    send_email.enqueue("k3", "Subject", "Body", "reader@example.org", "a test", attempt=3)
    run_due_tasks()

    retry = emails("READY").get()
    assert retry.args_kwargs["kwargs"] == {"attempt": 4}
    wait = retry.run_after - timezone.now()
    assert timedelta(seconds=110) < wait <= timedelta(seconds=120)  # 30 s, 60 s, 120 s


def test_only_a_dead_workers_tasks_go_back_in_the_queue():
    send_email.enqueue("k4", "Subject", "Body", "a@example.org", "old")
    send_email.enqueue("k5", "Subject", "Body", "b@example.org", "recent")
    now = timezone.now()
    old, recent = DBTaskResult.objects.filter(task_path=EMAIL).order_by("enqueued_at")
    DBTaskResult.objects.filter(pk=old.pk).update(
        status="RUNNING", started_at=now - timedelta(hours=1)
    )
    DBTaskResult.objects.filter(pk=recent.pk).update(status="RUNNING", started_at=now)

    assert requeue_stale() == 1
    assert DBTaskResult.objects.get(pk=old.pk).status == "READY"
    assert DBTaskResult.objects.get(pk=recent.pk).status == "RUNNING"  # may still be running


def test_every_minute_requeues_and_publishes(capsys):
    send_email.enqueue("k6", "Subject", "Body", "a@example.org", "stuck")
    DBTaskResult.objects.filter(task_path=EMAIL).update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=1)
    )
    call_command("every_minute")
    assert "Put 1 task(s) of a dead worker back in the queue." in capsys.readouterr().out
    assert emails("READY").count() == 1


def test_task_queue_reports_what_waits_and_what_failed(mail_down, capsys):
    send_email.enqueue("k7", "Subject", "Body", "a@example.org", "a test")
    run_due_tasks()
    call_command("task_queue")
    out = capsys.readouterr().out
    assert f"1  FAILED     {EMAIL}" in out
    assert f"1  READY      {EMAIL}" in out
    assert "1 retries wait for their backoff to end." in out
    assert "builtins.ConnectionRefusedError" in out


def test_workflow_emails_are_queued_not_sent_in_the_request(client, news_section):
    topic, author = factories.make_topic("Transport"), factories.make_author("Ann Reporter")
    user_in("Editors", "eddie")  # an editor, who is told a story awaits approval
    client.force_login(user_in("Writers", "wendy"))
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", news_section.pk))

    with committed():
        response = client.post(add_url, article_form(author, topic, **{"action-submit": "1"}))
        assert response.status_code == 302
        assert not mail.outbox  # the request sent nothing itself
    queued = emails("SUCCESSFUL")
    assert queued.exists()
    assert "eddie@example.org" in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == queued.count()


def test_every_minute_goes_on_past_a_failing_step_and_says_so(dead_elasticsearch, capsys):
    with pytest.raises(CommandError, match="drain_search_outbox failed: .*unreachable"):
        call_command("every_minute")
    assert "Nothing was due to publish or unpublish." in capsys.readouterr().out
