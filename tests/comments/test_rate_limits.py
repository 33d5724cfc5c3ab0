"""Rate limits: IPv6 readers by their /64, reports and confirmation emails limited too,
and every refusal logged without personal data. (The parallel burst is in
test_concurrency.py, on PostgreSQL.)"""

import logging

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from comments import ratelimit
from comments.models import ReaderFlag
from tests.comments.helpers import guest_comment, post_comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "reader"),
    [
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("192.0.2.7", "192.0.2.7"),
    ],
)
def test_ipv6_readers_are_counted_by_their_64(address, reader):
    assert ratelimit.reader_network(address) == reader


def test_one_ipv6_network_shares_one_comment_limit(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = 1
    first = post_comment(client, article, "One.", extra={"REMOTE_ADDR": "2001:db8:1:2::1"})
    same = post_comment(
        client, article, "Two.", email="b@example.org", extra={"REMOTE_ADDR": "2001:db8:1:2::99"}
    )
    other = post_comment(
        client, article, "Three.", email="c@example.org", extra={"REMOTE_ADDR": "2001:db8:1:3::1"}
    )
    assert (first.status_code, same.status_code, other.status_code) == (302, 429, 302)


def test_refusals_are_logged_without_personal_data(client, article, settings, caplog):
    settings.COMMENTS_RATE_LIMIT_PER_IP = 1
    post_comment(client, article, "One.", extra={"REMOTE_ADDR": "203.0.113.5"})

    with caplog.at_level(logging.INFO, logger="cms.refusals"):
        post_comment(
            client, article, "Two.", email="b@example.org", extra={"REMOTE_ADDR": "203.0.113.5"}
        )

    [record] = [r for r in caplog.records if r.name == "cms.refusals"]
    assert (record.getMessage(), record.limit, record.status, record.path) == (
        "comment_rate_limited",
        "ip",
        429,
        "/comments/post/",
    )
    logged = repr(record.__dict__)
    assert "203.0.113.5" not in logged and "b@example.org" not in logged


def test_confirmation_emails_to_one_address_are_limited_per_hour(client, article, settings, caplog):
    settings.COMMENTS_RATE_LIMIT_PER_IP = settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
    settings.COMMENTS_CONFIRMATION_EMAILS_PER_HOUR = 2
    for number in range(2):
        sent = post_comment(client, article, f"Point {number}.", email="victim@example.org")
        assert sent.status_code == 302

    with caplog.at_level(logging.INFO, logger="cms.refusals"):
        refused = post_comment(client, article, "Point 3.", email="VICTIM@example.org")

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "confirmation emails to this address" in refused.content.decode()
    assert "Point 3." in refused.content.decode()  # the text comes back
    assert len(mail.outbox) == 2
    assert [r.getMessage() for r in caplog.records if r.name == "cms.refusals"] == [
        "confirmation_mail_limited"
    ]


def test_signed_in_readers_send_no_confirmation_emails_to_limit(
    client, article, settings, django_user_model
):
    settings.COMMENTS_RATE_LIMIT_PER_IP = settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
    settings.COMMENTS_CONFIRMATION_EMAILS_PER_HOUR = 1
    client.force_login(django_user_model.objects.create_user("sam", "sam@example.org", "pw"))
    for number in range(3):
        assert post_comment(client, article, f"Point {number}.").status_code == 302
    assert XtdComment.objects.count() == 3


@pytest.fixture
def comments(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
    for number in range(4):
        guest_comment(client, article, f"Comment {number}.", email=f"{number}@example.org")
    return list(XtdComment.objects.order_by("pk"))


def report(client, comment, ip):
    return client.post(f"/comments/report/{comment.pk}/", {"reason": "spam"}, REMOTE_ADDR=ip)


def test_reports_from_one_reader_are_limited(client, comments, settings, caplog):
    settings.COMMENTS_REPORTS_PER_READER = 2
    assert report(client, comments[0], "2001:db8:5:5::1").status_code == 200
    assert report(client, comments[1], "2001:db8:5:5::2").status_code == 200

    with caplog.at_level(logging.INFO, logger="cms.refusals"):
        refused = report(client, comments[2], "2001:db8:5:5::3")  # the same /64

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "You have sent 2 reports" in refused.content.decode()
    assert ReaderFlag.objects.count() == 2
    assert [r.getMessage() for r in caplog.records if r.name == "cms.refusals"] == [
        "report_rate_limited"
    ]
    assert report(client, comments[2], "2001:db8:6:6::1").status_code == 200


def test_one_ipv6_network_reports_a_comment_once(client, comments, comment_settings):
    comment_settings.flag_threshold = 2
    comment_settings.save()
    report(client, comments[0], "2001:db8:7:7::1")
    again = report(client, comments[0], "2001:db8:7:7::2")

    assert "You have already reported this comment" in again.content.decode()
    assert ReaderFlag.objects.count() == 1
    comments[0].refresh_from_db()
    assert comments[0].is_public
