"""Counting reads through the beacon: once per reader and item, readers only, same-site
posts only, bad ids refused, and nothing that identifies a reader stored anywhere."""

import logging
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import ContentPage
from mostread import counting
from mostread.models import HourlyReads
from tests import factories
from tests.mostread.helpers import BROWSER, READER_IP, URL, beacon, reads

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(news_section):
    return factories.make_article(title="Council tax to rise 5%")


def test_a_read_is_counted_in_the_hour_row_with_a_bare_204(client, story):
    response = beacon(client, story.pk)

    assert response.status_code == 204
    assert response.content == b""
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    [row] = HourlyReads.objects.all()
    assert (row.page_id, row.reads) == (story.pk, 1)
    assert row.hour == counting.hour_of(timezone.now())
    assert (row.hour.minute, row.hour.second, row.hour.microsecond) == (0, 0, 0)


def test_readers_in_one_hour_share_one_row_incremented(client, story):
    for number in range(1, 6):
        assert beacon(client, story.pk, ip=f"198.51.100.{number}").status_code == 204

    assert HourlyReads.objects.count() == 1
    assert reads() == {story.pk: 5}


def test_the_next_hour_starts_a_new_row(story):
    now = timezone.now()
    counting.record_read(story.pk, now)
    counting.record_read(story.pk, now + timedelta(hours=1))
    counting.record_read(story.pk, now + timedelta(hours=1))

    assert sorted(HourlyReads.objects.values_list("reads", flat=True)) == [1, 2]


def test_a_reader_reloading_counts_once_until_the_key_expires(client, story, settings):
    settings.MOST_READ_DEDUPE_SECONDS = 1800
    for _ in range(10):
        assert beacon(client, story.pk).status_code == 204
    assert reads() == {story.pk: 1}

    # Another browser on the same connection is another reader.
    beacon(client, story.pk, user_agent=BROWSER.replace("Chrome/131", "Chrome/130"))
    assert reads() == {story.pk: 2}
    # Another item is another read.
    other = factories.make_article(title="Bins collected fortnightly")
    beacon(client, other.pk)
    assert reads(other) == {other.pk: 1}

    # The key is kept for MOST_READ_DEDUPE_SECONDS; once it has gone the reader counts again.
    request = RequestFactory().post(URL, REMOTE_ADDR=READER_IP, headers={"User-Agent": BROWSER})
    key = counting.seen_key(counting.reader_key(request), story.pk)
    expires_in = cache._expire_info[cache.make_and_validate_key(key)] - timezone.now().timestamp()
    assert 1790 < expires_in <= 1800
    cache.delete(key)
    beacon(client, story.pk)
    assert reads(story) == {story.pk: 3}


def test_an_ipv6_reader_is_one_reader_across_their_64(client, story):
    beacon(client, story.pk, ip="2001:db8:1:2::10")
    beacon(client, story.pk, ip="2001:db8:1:2:ffff::99")
    beacon(client, story.pk, ip="2001:db8:1:3::10")

    assert reads() == {story.pk: 2}


def test_the_reader_key_changes_with_the_day_and_is_never_the_address(story):
    request = RequestFactory().post(URL, REMOTE_ADDR=READER_IP, headers={"User-Agent": BROWSER})
    today = timezone.now().replace(hour=9)
    later_today = today.replace(hour=20)
    tomorrow = today + timedelta(days=1)

    key = counting.reader_key(request, today)
    assert counting.reader_key(request, later_today) == key
    assert counting.reader_key(request, tomorrow) != key
    assert READER_IP not in key and counting.daily_salt(today) != counting.daily_salt(tomorrow)


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32",
        "Slackbot-LinkExpanding 1.0",
        "",
        None,
    ],
)
def test_bots_are_answered_but_not_counted(client, story, user_agent):
    assert beacon(client, story.pk, user_agent=user_agent).status_code == 204
    assert not HourlyReads.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Purpose": "prefetch"},
        {"Sec-Purpose": "prefetch;prerender"},
        {"Purpose": "prefetch"},
        {"X-Moz": "prefetch"},
    ],
)
def test_prefetches_are_answered_but_not_counted(client, story, headers):
    assert beacon(client, story.pk, headers=headers).status_code == 204
    assert not HourlyReads.objects.exists()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("page=", 400),
        ("", 400),
        ("page=abc", 400),
        ("page=%C2%B2", 400),  # "²": str.isdigit() is true
        ("page=%E2%91%A0", 400),  # "①"
        ("page=%D9%A3", 400),  # an Arabic-Indic three, which int() accepts
        ("page=1.5", 400),
        ("page=-1", 400),
        ("page=0", 400),
        ("page=99999999999999999999", 400),
        ("page=1%00", 400),  # NUL: PostgreSQL would raise
        ("page=1&page=2", 400),
        ("%FF%FE=%FF", 400),  # not UTF-8
        ("page=" + "9" * 5000, 400),
        ("page=%3Cscript%3E", 400),
        ("page=2147483647", 404),  # well-formed, but no such item
    ],
)
def test_bad_ids_are_refused_and_nothing_is_written(client, story, body, status):
    response = beacon(client, body=body)

    assert response.status_code == status
    assert not HourlyReads.objects.exists()


def test_only_live_public_items_are_counted(client, story, sections):
    draft = factories.make_article(title="Draft story", publish=False)
    unpublished = factories.make_article(title="Withdrawn story")
    unpublished.unpublish()
    private = factories.make_article(title="Private story")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    embargoed = factories.make_article(title="Embargoed story")
    ContentPage.objects.filter(pk=embargoed.pk).update(
        embargo_until=timezone.now() + timedelta(hours=2)
    )
    pages = [draft, unpublished, private, embargoed, sections["news"], factories.home_page()]

    answers = [beacon(client, page.pk, ip=f"198.51.100.{n}") for n, page in enumerate(pages)]

    assert [answer.status_code for answer in answers] == [404] * len(pages)
    assert not HourlyReads.objects.exists()


@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_anything_but_a_post_is_refused(client, story, method):
    response = getattr(client, method)(f"{URL}?page={story.pk}", headers={"User-Agent": BROWSER})

    assert response.status_code == 405
    assert not HourlyReads.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example", "Sec-Fetch-Site": None},
        {"Origin": "http://testserver.evil.example", "Sec-Fetch-Site": None},
        {"Origin": "null", "Sec-Fetch-Site": None},
        {"Origin": None, "Sec-Fetch-Site": "cross-site"},
        {"Origin": None, "Sec-Fetch-Site": "same-site"},
        {"Origin": None, "Sec-Fetch-Site": "none"},
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin"},
        {"Origin": None, "Sec-Fetch-Site": None},
    ],
)
def test_cross_site_posts_are_refused(client, story, headers):
    response = beacon(client, story.pk, headers=headers)

    assert response.status_code == 403
    assert not HourlyReads.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": None, "Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver", "Sec-Fetch-Site": None},  # a browser without Fetch metadata
    ],
)
def test_either_same_origin_signal_is_enough(client, story, headers):
    assert beacon(client, story.pk, headers=headers).status_code == 204
    assert reads() == {story.pk: 1}


def test_csrf_is_not_asked_for(story):
    client = Client(enforce_csrf_checks=True)

    assert beacon(client, story.pk).status_code == 204
    assert reads() == {story.pk: 1}


def test_a_reader_sending_too_many_beacons_is_refused(client, sections, settings):
    settings.MOST_READ_BEACONS_PER_READER = 3
    stories = [factories.make_article(title=f"Story {n}") for n in range(5)]

    answers = [beacon(client, page.pk) for page in stories[:4]]
    someone_else = beacon(client, stories[4].pk, ip="198.51.100.9")

    assert [answer.status_code for answer in answers] == [204, 204, 204, 429]
    assert answers[3]["Retry-After"] == "3600"
    assert someone_else.status_code == 204
    assert reads() == {page.pk: 1 for page in [*stories[:3], stories[4]]}


def _every_stored_value():
    """Every value in every column of every table, as text."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            values += [str(value) for row in cursor.fetchall() for value in row]
    return values


def test_no_address_key_or_salt_is_stored_or_logged(client, story, caplog):
    ip, network = "203.0.113.199", "2001:db8:77:88::5"
    with caplog.at_level(logging.DEBUG):
        beacon(client, story.pk, ip=ip)
        beacon(client, story.pk, ip=network)
        beacon(client, story.pk, ip=ip, headers={"X-Forwarded-For": "192.0.2.44"})

    assert reads() == {story.pk: 2}
    assert [f.name for f in HourlyReads._meta.concrete_fields] == ["id", "page", "hour", "reads"]
    request = RequestFactory().post(URL, REMOTE_ADDR=ip, headers={"User-Agent": BROWSER})
    reader = counting.reader_key(request)
    secrets = [
        ip,
        "2001:db8:77:88",
        "192.0.2.44",
        BROWSER,
        counting.daily_salt(),
        reader,
        counting.seen_key(reader, story.pk),
    ]
    stored = "\n".join(_every_stored_value())
    assert [secret for secret in secrets if secret in stored] == []
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert [secret for secret in secrets if secret in logged] == []


def test_old_hours_are_deleted_by_the_periodic_job(story):
    from django.core.management import call_command

    now = timezone.now()
    old = HourlyReads.objects.create(page=story, hour=counting.hour_of(now - timedelta(days=9)))
    kept = HourlyReads.objects.create(page=story, hour=counting.hour_of(now - timedelta(days=7)))

    call_command("every_minute", verbosity=0)

    assert list(HourlyReads.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not HourlyReads.objects.filter(pk=old.pk).exists()
