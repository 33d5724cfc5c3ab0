"""Comment emails go after commit, and a mail outage loses and rolls back nothing.

The outage tests use Django's real SMTP backend pointed at a closed port on this machine,
in transactions that really commit (so the after-commit emails really run).
"""

import logging
import socket

import pytest
from django.core import mail
from django.test import Client
from django_comments_xtd.models import XtdComment

from comments import actions
from comments.models import ModerationEvent, PendingComment
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

    assert [m.to for m in mail.outbox] == [["ada@example.org"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_guest_post_during_an_outage_keeps_the_text(client, article, mail_down, caplog):
    with caplog.at_level(logging.ERROR, logger="comments.notifications"):
        response = post_comment(client, article, TEXT)

    assert response.status_code == 503
    assert response["Retry-After"]
    assert "could not send your confirmation email" in response.content.decode()
    assert TEXT in response.content.decode()
    assert not PendingComment.objects.exists()  # nobody could ever follow its link
    assert "ada@example.org" not in caplog.text and "Could not send" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_confirmation_link_during_an_outage_publishes(client, article, settings, caplog):
    follow_item(article)
    post_comment(client, article, TEXT)
    link = confirm_link(mail.outbox[-1]).split("testserver", 1)[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5

    with caplog.at_level(logging.ERROR, logger="comments.notifications"):
        response = client.get(link)

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

    with caplog.at_level(logging.ERROR, logger="comments.notifications"):
        actions.approve(held, editor)

    assert "Could not send" in caplog.text  # the follower was due an email
    held.refresh_from_db()
    assert held.is_public
    assert ModerationEvent.objects.filter(comment=held, action=ModerationEvent.APPROVED).exists()
