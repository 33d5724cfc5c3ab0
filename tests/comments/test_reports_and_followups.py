"""Readers report comments (enough reports hide one) and follow conversations by email."""

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment
from lxml import html

from comments import actions
from comments.models import ModerationEvent, ReaderFlag
from tests.background.helpers import committed
from tests.comments.helpers import MUTE_LINK, guest_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(client, article):
    guest_comment(client, article, "A contested opinion.")
    return XtdComment.objects.get()


def report(client, comment, ip, reason="abuse"):
    return client.post(f"/comments/report/{comment.pk}/", {"reason": reason}, REMOTE_ADDR=ip)


def test_any_reader_can_report_a_comment(client, comment):
    form = client.get(f"/comments/report/{comment.pk}/")
    assert form.status_code == 200
    assert html.fromstring(form.content).xpath("//input[@name='reason'][@type='radio']")

    response = report(client, comment, "10.0.0.1", "spam")

    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    assert ReaderFlag.objects.get().get_reason_display() == "It is spam or advertising"


def test_a_report_without_a_reason_is_a_form_error(client, comment):
    response = client.post(f"/comments/report/{comment.pk}/", {"reason": "boring"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ReaderFlag.objects.exists()


def test_one_reader_reporting_twice_counts_once(client, comment, comment_settings):
    comment_settings.flag_threshold = 2
    comment_settings.save()
    report(client, comment, "10.0.0.1")
    second = report(client, comment, "10.0.0.1")

    assert "You have already reported this comment" in second.content.decode()
    assert ReaderFlag.objects.count() == 1
    comment.refresh_from_db()
    assert comment.is_public


def test_enough_reports_hide_a_comment_until_review(client, article, comment, comment_settings):
    comment_settings.flag_threshold = 2
    comment_settings.notify_moderators = True
    comment_settings.moderator_email = "moderators@newsroom.example"
    comment_settings.save()

    report(client, comment, "10.0.0.1")
    report(client, comment, "10.0.0.2")

    comment.refresh_from_db()
    assert not comment.is_public
    event = ModerationEvent.objects.get(comment=comment)
    assert (event.action, event.actor, event.note) == (
        ModerationEvent.HIDDEN,
        None,
        "Hidden after 2 reader reports",
    )
    assert mail.outbox[-1].to == ["moderators@newsroom.example"]
    assert "A contested opinion." not in client.get(article.url).content.decode()
    third = report(client, comment, "10.0.0.3")
    assert "This comment is being reviewed" in third.content.decode()


def test_a_threshold_of_zero_never_hides(client, comment, comment_settings):
    comment_settings.flag_threshold = 0
    comment_settings.save()
    for number in range(5):
        report(client, comment, f"10.0.0.{number}")
    comment.refresh_from_db()
    assert comment.is_public


def test_replies_to_a_hidden_comment_stay_in_place(client, article, comment, editor):
    guest_comment(client, article, "A measured reply.", reply_to=comment.pk, email="b@ex.org")
    actions.remove(comment, editor)

    page = html.fromstring(client.get(article.url).content)
    parent = page.get_element_by_id(f"c{comment.pk}")
    assert "This comment was removed by a moderator." in parent.text_content()
    assert "A contested opinion." not in parent.text_content()
    assert "A measured reply." in parent.text_content()
    assert "1 comment" in page.get_element_by_id("comments").text_content()


def test_approving_a_parent_does_not_publish_its_held_replies(
    client, article, comment, comment_settings, editor
):
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()
    guest_comment(client, article, "Held reply.", reply_to=comment.pk, email="b@ex.org")
    held = XtdComment.objects.get(comment="Held reply.")

    actions.approve(comment, editor)

    held.refresh_from_db()
    assert not held.is_public


def test_followers_get_an_email_with_a_working_unsubscribe_link(client, article):
    guest_comment(client, article, "I want to hear back.", followup="on")
    mail.outbox.clear()

    guest_comment(client, article, "Here is a reply.", email="bo@example.org", name="Bo")

    followup = [m for m in mail.outbox if m.to == ["ada@example.org"]]
    assert len(followup) == 1
    assert followup[0].subject == "New comment on an item you follow"
    body = followup[0].body
    assert "Bo has commented on “Council tax rises by five per cent”" in body
    assert "Here is a reply." in body
    assert "bo@example.org" not in body
    link = MUTE_LINK.search(body).group(0)
    assert link.startswith("http://testserver/comments/mute/")

    response = client.get(link.split("testserver", 1)[1])
    assert response.status_code == 200
    assert "You have unsubscribed" in response.content.decode()
    assert not XtdComment.objects.get(user_email="ada@example.org").followup
    again = client.get(link.split("testserver", 1)[1])
    assert "You had already unsubscribed" in again.content.decode()

    mail.outbox.clear()
    guest_comment(client, article, "Another reply.", email="cy@example.org", name="Cy")
    assert not [m for m in mail.outbox if m.to == ["ada@example.org"]]


def test_followers_hear_of_a_held_comment_once_it_is_approved(
    client, article, comment_settings, editor
):
    guest_comment(client, article, "Following.", followup="on")
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()
    guest_comment(client, article, "Held reply.", email="bo@example.org")
    held = XtdComment.objects.get(comment="Held reply.")
    mail.outbox.clear()

    with committed():  # the approvals commit; the worker sends what they queued
        actions.approve(held, editor)
        actions.remove(held, editor)
        actions.restore(held, editor)
        actions.approve(held, editor)

    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
