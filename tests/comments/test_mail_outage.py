"""Comment emails are queued after commit, and a mail outage loses and rolls back nothing.

The outage tests use Django's real SMTP backend pointed at a closed port on this machine,
in transactions that really commit (so the after-commit emails are really queued), and
the database backend's worker loop run in-process.
"""

import logging
import socket
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from django_tasks_db.models import DBTaskResult

from background.models import SentEmail
from comments import actions
from comments.models import ModerationEvent, PendingComment
from tests.background.helpers import run_due_tasks
from tests.comments.helpers import comment_form, confirm_link, filled_in, post_comment

TEXT = "Written while the mail server was down."


def closed_port():
    """A local port nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings


def follow_item(article):
    """A published comment whose author asked to hear about new ones."""
    return XtdComment.objects.create(
        content_type_id=article.content_type_id,
        object_pk=str(article.pk),
        site_id=1,
        user_name="Follower",
        user_email="follower@example.org",
        comment="Keep me posted.",
        followup=True,
    )


def notify_moderators(comment_settings):
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.notify_moderators = True
    comment_settings.moderator_email = "moderators@newsroom.example"
    comment_settings.save()


@pytest.mark.django_db
def test_emails_wait_for_the_commit(article, django_capture_on_commit_callbacks):
    browser = Client()  # the plain client: nothing queued runs unless we say so
    with django_capture_on_commit_callbacks() as queued:
        response = browser.post("/comments/post/", filled_in(comment_form(browser, article)))
    assert response.status_code == 302
    assert PendingComment.objects.exists() and not mail.outbox  # stored; not yet sent
    assert len(queued) == 1

    queued[0]()
    assert DBTaskResult.objects.filter(task_path="background.email.send_email").exists()
    assert not mail.outbox  # queued, not yet sent

    run_due_tasks()
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    assert SentEmail.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_guest_post_during_an_outage_answers_at_once_and_retries(
    client, article, mail_down, caplog
):
    browser = Client()  # the plain client: the worker runs below
    form = filled_in(comment_form(browser, article), TEXT)
    started = time.monotonic()
    response = browser.post("/comments/post/", form)
    answered_in = time.monotonic() - started

    assert response.status_code == 302  # "check your email": the worker will send it
    assert answered_in < 2
    assert PendingComment.objects.exists()
    with caplog.at_level(logging.WARNING, logger="background"):
        run_due_tasks()

    emails = DBTaskResult.objects.filter(task_path="background.email.send_email")
    failed = emails.get(status="FAILED")
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    retry = emails.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    wait = retry.run_after - timezone.now()
    assert timedelta(seconds=20) < wait <= timedelta(seconds=30)  # the first backoff
    assert "ada@example.org" not in caplog.text and "Could not send" in caplog.text
    assert "retrying in 0:00:30" in caplog.text

    # The mail server is back and the backoff is over: the confirmation goes, once.
    mail_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_due_tasks()
    run_due_tasks()
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_confirmation_link_during_an_outage_publishes(client, article, settings, caplog):
    follow_item(article)
    post_comment(client, article, TEXT)
    link = confirm_link(mail.outbox[-1]).split("testserver", 1)[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5

    with caplog.at_level(logging.ERROR, logger="background.email"):
        response = client.get(link)  # and the worker runs what it queued

    assert response.status_code == 302
    assert XtdComment.objects.get(comment=TEXT).is_public
    assert "Could not send" in caplog.text  # the follower's email failed, and was logged
    assert "follower@example.org" not in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_signed_in_post_during_an_outage_is_stored(
    client, article, mail_down, comment_settings, django_user_model
):
    follow_item(article)
    client.force_login(django_user_model.objects.create_user("sam", "sam@example.org", "pw"))

    published = post_comment(client, article, TEXT)
    notify_moderators(comment_settings)
    held = post_comment(client, article, "Held while the mail server was down.")

    assert published.status_code == 302 and held.status_code == 302
    assert XtdComment.objects.get(comment=TEXT).is_public
    waiting = XtdComment.objects.get(comment="Held while the mail server was down.")
    assert not waiting.is_public
    assert ModerationEvent.objects.filter(comment=waiting, action=ModerationEvent.HELD).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_approving_during_an_outage_is_not_rolled_back(article, mail_down, editor, caplog):
    follow_item(article)
    held = XtdComment.objects.create(
        content_type_id=article.content_type_id,
        object_pk=str(article.pk),
        site_id=1,
        user_name="Bo",
        user_email="bo@example.org",
        comment=TEXT,
        is_public=False,
    )

    actions.approve(held, editor)
    with caplog.at_level(logging.ERROR, logger="background.email"):
        run_due_tasks()

    assert "Could not send" in caplog.text  # the follower was due an email
    held.refresh_from_db()
    assert held.is_public
    assert ModerationEvent.objects.filter(comment=held, action=ModerationEvent.APPROVED).exists()
