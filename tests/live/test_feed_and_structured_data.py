"""A live page's JSON-LD (LiveBlogPosting with its updates) and its feed of entries."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from lxml import html as lxml_html

from tests import factories
from tests.news.test_feeds import assert_valid_xml, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage(news_section):
    author = factories.make_author("Helen Carter")
    page = factories.make_live_page(
        title="Budget live", coverage_start=factories.days_ago(1), authors=[author]
    )
    first = factories.make_live_entry(page, "Chancellor stands up", is_key_event=True)
    second = factories.make_live_entry(page, "Councils react", headline="Reaction", author=author)
    factories.make_live_entry(page, "Withdrawn by mistake", withdrawn=True)
    return page, first, second


def as_json(value):
    return DjangoJSONEncoder().default(value)


def live_blog(client, page):
    head = lxml_html.fromstring(client.get(page.url).content).find("head")
    items = [json.loads(s.text) for s in head.xpath("script[@type='application/ld+json']")]
    found = [item for item in items if item["@type"] == "LiveBlogPosting"]
    assert len(found) == 1, [item["@type"] for item in items]
    return found[0]


def test_json_ld_is_a_live_blog_posting_with_its_updates(client, coverage):
    page, first, second = coverage
    data = live_blog(client, page)
    assert data["headline"] == "Budget live"
    assert data["coverageStartTime"] == as_json(page.coverage_start)
    assert "coverageEndTime" not in data
    updates = data["liveBlogUpdate"]
    assert [update["@type"] for update in updates] == ["BlogPosting", "BlogPosting"]
    assert [update["headline"] for update in updates] == ["Reaction", "Chancellor stands up"]
    assert updates[0]["articleBody"] == "Councils react"
    assert updates[0]["url"] == f"{page.full_url}#{second.anchor}"
    assert updates[0]["author"] == {"@type": "Person", "name": "Helen Carter"}
    assert updates[1]["datePublished"] == as_json(first.posted_at)


def test_ended_coverage_has_its_end_time(client, coverage):
    page, _first, _second = coverage
    page.coverage_end = factories.days_ago(0)
    page.save_revision().publish()
    assert live_blog(client, page)["coverageEndTime"] == as_json(page.coverage_end)


@pytest.mark.parametrize("suffix, version", [("feed/", "rss20"), ("feed/atom/", "atom10")])
def test_the_feed_lists_the_entries_newest_first(client, coverage, suffix, version):
    page, first, second = coverage
    response = client.get(page.url + suffix)
    assert response.status_code == 200
    assert_valid_xml(response, version)
    feed = parse(response)
    assert feed.version == version
    assert feed.feed.title == "Public Sector Today: Budget live"
    assert [entry.title for entry in feed.entries] == ["Reaction", "Chancellor stands up"]
    latest = feed.entries[0]
    assert latest.link == f"{page.full_url}#{second.anchor}"
    assert latest.id == f"tag:testserver,{second.posted_at:%Y-%m-%d}:live-entry:{second.pk}"
    assert latest.author == "Helen Carter"
    assert "Councils react" in latest.content[0].value
    assert [tag.term for tag in feed.entries[1].tags] == ["Key event"]


def test_a_new_entry_changes_the_feed_at_once(client, coverage):
    page, _first, _second = coverage
    response = client.get(page.url + "feed/")
    etag = response["ETag"]
    assert client.get(page.url + "feed/", headers={"If-None-Match": etag}).status_code == 304
    factories.make_live_entry(page, "Another one", headline="Late news")
    fresh = client.get(page.url + "feed/", headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert parse(fresh).entries[0].title == "Late news"


def test_the_page_links_its_feed(client, coverage):
    page, _first, _second = coverage
    head = lxml_html.fromstring(client.get(page.url).content).find("head")
    links = head.xpath("link[@rel='alternate']/@href")
    assert links[:3] == [f"{page.url}feed/", f"{page.url}feed/atom/", "/news/feed/"]
