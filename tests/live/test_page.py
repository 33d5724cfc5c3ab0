"""The live page as readers get it, and the updates endpoint its script polls."""

import json

import pytest
from lxml import html as lxml_html

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage(news_section):
    author = factories.make_author("Helen Carter")
    page = factories.make_live_page(title="Budget live")
    entries = [
        factories.make_live_entry(page, "Chancellor stands up", is_key_event=True, author=author),
        factories.make_live_entry(page, "Pinned: how to follow", is_pinned=True),
        factories.make_live_entry(page, "Councils react", headline="Reaction"),
    ]
    return page, entries


def test_the_page_reads_fully_without_javascript(client, coverage):
    page, (key, pinned, latest) = coverage
    response = client.get(page.url)
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath("//section[@class='live__key-points']//li/text()") == [
        "Income tax unchanged",
        "Councils get £1bn more",
    ]
    # Newest first below the pinned entry; each has its anchor link and author.
    timeline = tree.xpath("//ol[@data-live-entries]/li/article/@id")
    assert timeline == [latest.anchor, key.anchor]
    assert tree.xpath("//section[@class='live__pinned']//article/@id") == [pinned.anchor]
    assert tree.xpath(f"//article[@id='{key.anchor}']//a[@class='live-entry__time']/@href") == [
        f"#{key.anchor}"
    ]
    assert tree.xpath(f"//article[@id='{key.anchor}']//a[@rel='author']/text()") == ["Helen Carter"]
    assert tree.xpath("//nav[@class='live__key-events']//a/@href") == [f"#{key.anchor}"]
    # The script and what it needs: no inline script, an aria-live region.
    updates = tree.xpath("//section[@data-live-updates]")[0]
    assert updates.get("data-live-updates") == f"{page.url}updates/"
    assert updates.get("data-live-latest") == str(latest.pk)
    assert updates.xpath(".//*[@aria-live='polite']")
    assert tree.xpath("//script[contains(@src, 'js/live.js')]")


def test_the_page_is_kept_by_the_proxy_not_the_apps_page_cache(client, coverage, page_cache):
    page, _entries = coverage
    response = client.get(page.url)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    # A new entry shows on the next request: the app's own page cache did not keep it.
    factories.make_live_entry(page, "Fresh from the chamber")
    assert b"Fresh from the chamber" in client.get(page.url).content


def test_ended_coverage_says_so_and_stops_polling(client, news_section):
    page = factories.make_live_page(coverage_end=factories.days_ago(0))
    tree = lxml_html.fromstring(client.get(page.url).content)
    assert tree.xpath("//p[@class='live__ended']/text()") == ["This live coverage has ended."]
    assert not tree.xpath("//*[@data-live-updates]")
    assert not tree.xpath("//script[contains(@src, 'js/live.js')]")


def test_updates_returns_the_entries_after_since(client, coverage):
    page, (key, pinned, latest) = coverage
    response = client.get(f"{page.url}updates/", {"since": key.pk})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    data = json.loads(response.content)
    assert [entry["id"] for entry in data["entries"]] == [latest.pk, pinned.pk]
    assert data["latest"] == latest.pk and data["more"] is False and data["closed"] is False
    fragment = lxml_html.fragment_fromstring(data["entries"][0]["html"])
    assert fragment.get("id") == latest.anchor
    # Nothing newer: an empty list, and the reader's `since` back.
    nothing = json.loads(client.get(f"{page.url}updates/", {"since": latest.pk}).content)
    assert (nothing["entries"], nothing["latest"]) == ([], latest.pk)


def test_updates_answer_304_until_an_entry_is_posted(client, coverage):
    page, (_key, _pinned, latest) = coverage
    url = f"{page.url}updates/?since={latest.pk}"
    etag = client.get(url)["ETag"]
    unchanged = client.get(url, headers={"If-None-Match": etag})
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert unchanged["ETag"] == etag
    new = factories.make_live_entry(page, "Breaking")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert [entry["id"] for entry in json.loads(changed.content)["entries"]] == [new.pk]
    # Withdrawing it changes the answer again.
    new.withdrawn = True
    new.save()
    assert client.get(url, headers={"If-None-Match": changed["ETag"]}).status_code == 200


@pytest.mark.parametrize("since", ["x", "-1", "1.5", "²", "99999999999999999999", "1&since=2"])
def test_a_bad_since_is_a_400_that_says_so(client, coverage, since):
    page, _entries = coverage
    response = client.get(f"{page.url}updates/?since={since}")
    assert response.status_code == 400
    assert b"since" in response.content


def test_the_live_page_is_in_the_sitemaps(client, coverage):
    page, _entries = coverage
    assert page.full_url.encode() in client.get("/sitemap-pages.xml").content
    assert page.full_url.encode() in client.get("/news-sitemap.xml").content
