"""Sending: due issues in batches, personal messages with one-click unsubscribe, crash
resumption without duplicates, refusals, topic alerts."""

import email
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from newsletters import sending
from newsletters.models import (
    Delivery,
    MailingList,
    NewsletterIssue,
    Send,
    SenderLease,
    Subscriber,
    Subscription,
)
from tests import factories
from tests.newsletters.backends import Crash, CrashAfter
from tests.newsletters.helpers import make_subscriber

pytestmark = pytest.mark.django_db


def make_issue(stories, **fields):
    fields.setdefault("subject", "Budget week")
    fields.setdefault("intro", '<p>Good morning. <a href="https://www.gov.uk/">GOV.UK</a></p>')
    issue = NewsletterIssue.objects.create(
        top_stories=[("story", stories["lead"])],
        sections=[
            (
                "section",
                {"heading": "Also today", "text": "", "stories": [stories["other"]]},
            )
        ],
        **fields,
    )
    return issue


def schedule(issue, when=None):
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.SCHEDULED, send_at=when or timezone.now()
    )


def html_of(message):
    return next(body for body, kind in message.alternatives if kind == "text/html")


def test_an_issue_reaches_each_subscriber_once_with_their_own_links(stories, settings):
    settings.NEWSLETTER_BATCH_SIZE = 2
    readers = [make_subscriber(f"reader{n}@example.org") for n in range(5)]
    unconfirmed = make_subscriber("pending@example.org")
    Subscriber.objects.filter(pk=unconfirmed.pk).update(confirmed_at=None)
    gone = make_subscriber("gone@example.org")
    Subscription.objects.filter(subscriber=gone).update(unsubscribed_at=timezone.now())
    issue = make_issue(stories)
    schedule(issue)

    report = sending.send_due()

    assert report.sent == 5, str(report)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.SENT
    assert Send.objects.get().status == Send.DONE
    unsubscribe_links = set()
    for message in mail.outbox:
        headers = message.extra_headers
        assert headers["Precedence"] == "bulk"
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url, mailto = re.fullmatch(
            r"<(http[^>]+)>, <(mailto:[^>]+)>", headers["List-Unsubscribe"]
        ).groups()
        assert url.startswith("http://testserver/newsletters/unsubscribe/")
        assert mailto.startswith("mailto:unsubscribe@")
        unsubscribe_links.add(url)
        assert url in message.body and url in html_of(message)
        # Both parts carry the stories in order: top story, section, the latest.
        text = message.body
        assert (
            text.index("Council tax to rise")
            < text.index("NHS trusts merge")
            < text.index("Mayor opens new depot")
        )
        assert "Last week's budget" not in text
        assert "utm_source" not in text
        html = html_of(message)
        assert "<h1" in html and "<h2" in html and "<img" not in html
        assert "padding:12px 0" in html  # every link at least 44 px tall (20 + 2 × 12)
    assert len(unsubscribe_links) == 5
    # A second run sends nothing more.
    assert sending.send_due().sent == 0
    assert len(mail.outbox) == 5


def test_utm_only_when_the_editor_ticks_it(stories):
    make_subscriber("reader@example.org")
    schedule(make_issue(stories, add_utm=True))
    sending.send_due()
    message = mail.outbox[0]
    story_links = re.findall(r'href="(http://testserver/news/[^"]+)"', html_of(message))
    assert story_links and all(link.endswith("?utm_source=newsletter") for link in story_links)
    # Only story links: the site's own name and the reader's links stay plain.
    assert "unsubscribe/" in message.body
    assert not re.search(r"(unsubscribe|preferences)/[^\s]*utm_source", message.body)


def test_not_sent_before_its_time(stories):
    make_subscriber("reader@example.org")
    schedule(make_issue(stories), when=timezone.now() + timedelta(hours=1))
    assert sending.send_due().sent == 0
    assert not mail.outbox
    NewsletterIssue.objects.update(send_at=timezone.now())
    assert sending.send_due().sent == 1


def test_one_click_unsubscribe_is_a_post_without_cookies_or_token(stories):
    reader = make_subscriber("reader@example.org")
    schedule(make_issue(stories))
    sending.send_due()
    url = re.search(r"<(http[^>]+)>", mail.outbox[0].extra_headers["List-Unsubscribe"]).group(1)
    path = url.removeprefix("http://testserver")
    mail_program = Client(enforce_csrf_checks=True)
    # GET only shows a button: link scanners must not unsubscribe anyone.
    assert mail_program.get(path).status_code == 200
    assert reader.active_subscriptions.count() == 1
    for _ in range(2):  # idempotent
        response = mail_program.post(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    subscription = Subscription.objects.get(subscriber=reader)
    assert subscription.unsubscribed_at and subscription.ended_by == "one-click"
    # Counted against the issue the link came from.
    assert Delivery.objects.filter(unsubscribed_at__isnull=False).count() == 1


@pytest.mark.parametrize("connections", [1, 3])
def test_a_crash_mid_send_resumes_without_duplicates(stories, settings, connections):
    settings.NEWSLETTER_BATCH_SIZE = 4
    settings.NEWSLETTER_SMTP_CONNECTIONS = connections
    readers = [make_subscriber(f"reader{n:02}@example.org") for n in range(10)]
    schedule(make_issue(stories))
    settings.EMAIL_BACKEND = "tests.newsletters.backends.CrashAfter"
    CrashAfter.limit, CrashAfter.taken = 4, 0
    with pytest.raises(Crash):
        sending.send_due()
    crashed_with = len(mail.outbox)  # the fifth left the moment before the "crash"
    assert crashed_with == 5 if connections == 1 else crashed_with >= 5

    # While the dead run's lease lasts, a new run does nothing...
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert sending.send_due().busy
    # ...then takes over: the one message in flight is not sent again.
    SenderLease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    report = sending.send_due()
    # Those handed to a connection when the run died are unknown (each did leave here).
    assert 1 <= report.unknown <= connections, str(report)
    assert report.sent == 10 - crashed_with, str(report)
    received = [m.to[0] for m in mail.outbox]
    assert sorted(received) == sorted(r.email for r in readers)  # each exactly once
    statuses = list(Delivery.objects.values_list("status", flat=True))
    assert statuses.count("unknown") == report.unknown
    assert statuses.count("sent") == 10 - report.unknown
    assert NewsletterIssue.objects.get().status == NewsletterIssue.SENT


def test_refused_addresses_are_recorded_and_unsubscribed_after_repeated_failures(
    stories, smtp, settings
):
    settings.NEWSLETTER_HARD_FAILURE_LIMIT = 2
    make_subscriber("ok@example.org")
    bouncing = make_subscriber("bounce@example.org")
    busy = make_subscriber("busy@example.org")
    schedule(make_issue(stories, subject="First"))
    report = sending.send_due()
    assert (report.sent, report.failed, report.deferred) == (1, 1, 1), str(report)
    assert [to for to, _ in smtp.handler.messages] == [["ok@example.org"]]
    refused = Delivery.objects.get(subscriber=bouncing)
    assert refused.status == "failed" and refused.error.startswith("550")
    assert Delivery.objects.get(subscriber=busy).status == "pending"  # retried next run
    assert bouncing.active_subscriptions.exists()  # one failure is not enough

    schedule(make_issue(stories, subject="Second"))
    sending.send_due()
    assert not bouncing.active_subscriptions.exists()
    assert Subscription.objects.get(subscriber=bouncing).ended_by == "failures"
    # The deferred reader is still subscribed, and messages were real SMTP with headers.
    assert busy.active_subscriptions.exists()
    parsed = email.message_from_bytes(smtp.handler.messages[0][1])
    assert parsed["Precedence"] == "bulk" and parsed.is_multipart()
    assert {part.get_content_type() for part in parsed.walk()} >= {"text/plain", "text/html"}


def test_an_unreachable_mail_server_leaves_everything_for_the_next_run(stories, settings):
    from scripts._service import free_port

    make_subscriber("reader@example.org")
    schedule(make_issue(stories))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_TIMEOUT = 2
    report = sending.send_due()
    assert report.sent == 0 and report.stopped
    assert Delivery.objects.get().status == "pending"
    assert not SenderLease.objects.exists()  # released: the next minute's run retries


def test_topic_alerts_at_their_time_with_what_is_new(stories, settings):
    topic = stories["topic"]
    alerts = MailingList.objects.get(topic=topic)
    reader = make_subscriber("follower@example.org", lists=[alerts])
    make_subscriber("briefing-only@example.org")
    settings.NEWSLETTER_ALERT_TIME = "07:00"
    morning = sending.alert_time(timezone.now()) + timedelta(days=1)
    for name, hours in (("lead", 2), ("fresh", 1)):
        Page.objects.filter(pk=stories[name].pk).update(
            first_published_at=morning - timedelta(hours=hours)
        )

    assert sending.send_due(now=morning - timedelta(minutes=1)).sent == 0  # too early
    report = sending.send_due(now=morning)
    assert report.sent == 1, str(report)
    message = mail.outbox[0]
    assert message.to == [reader.email]
    assert message.subject == "Local government: 2 new stories"
    assert "Council tax to rise" in message.body and "Mayor opens new depot" in message.body
    assert "NHS trusts merge" not in message.body
    assert "Last week's budget" not in message.body  # older than a day on the first alert
    assert "List-Id" in message.extra_headers

    # Once a day; and the next day only if something new was published since.
    assert sending.send_due(now=morning + timedelta(hours=2)).sent == 0
    assert sending.send_due(now=morning + timedelta(days=1)).sent == 0
    assert len(mail.outbox) == 1
    new = factories.make_article(title="Council leader resigns", topics=[topic])
    Page.objects.filter(pk=new.pk).update(first_published_at=morning + timedelta(days=1, hours=3))
    assert sending.send_due(now=morning + timedelta(days=2)).sent == 1
    assert mail.outbox[-1].subject == "Local government: Council leader resigns"


def test_the_command_sends_and_forgets_expired_signups(stories, settings):
    from io import StringIO

    from django.core.management import call_command

    from newsletters.models import PendingSubscription

    make_subscriber("reader@example.org")
    PendingSubscription.objects.create(email="old@example.org", list_ids=[])
    PendingSubscription.objects.update(created=timezone.now() - timedelta(days=30))
    schedule(make_issue(stories))
    out = StringIO()
    call_command("send_newsletters", stdout=out)
    assert out.getvalue().startswith("Sent 1,")
    assert not PendingSubscription.objects.exists()


def test_a_wrong_alert_time_fails_the_checks(settings):
    from newsletters.checks import alert_time_is_a_time

    settings.NEWSLETTER_ALERT_TIME = "7am"
    assert [error.id for error in alert_time_is_a_time(None)] == ["newsletters.E001"]
    settings.NEWSLETTER_ALERT_TIME = "07:30"
    assert alert_time_is_a_time(None) == []


def test_a_reader_who_unsubscribes_or_is_erased_mid_send_is_skipped(stories):
    from newsletters import privacy, subscribing

    stays = make_subscriber("stays@example.org")
    leaves = make_subscriber("leaves@example.org")
    make_subscriber("erased@example.org")
    schedule(make_issue(stories))
    sending.start_due_issues(timezone.now())  # the send begins: three deliveries waiting
    subscribing.unsubscribe_all(leaves)
    privacy.erase("erased@example.org")
    report = sending.send_due()
    assert report.sent == 1
    assert [m.to for m in mail.outbox] == [[stays.email]]
    assert sorted(Delivery.objects.values_list("status", flat=True)) == [
        "sent",
        "skipped",
        "skipped",
    ]
    assert NewsletterIssue.objects.get().status == NewsletterIssue.SENT
