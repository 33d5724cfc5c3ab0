"""Feeds: valid RSS 2.0 and Atom 1.0, full items, stable ids, and HTTP like a feed server."""

import re
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
from django.contrib.sites.models import Site as DjangoSite
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from lxml import html as lxml_html
from wagtail.models import Page

from news.models import NewsIndexPage
from tests import factories

ATOM_SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "schemas" / "atom.rng")))
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
}
FEEDS = [
    ("/feeds/rss/", "rss20"),
    ("/feeds/atom/", "atom10"),
    ("/news/feed/", "rss20"),
    ("/news/feed/atom/", "atom10"),
    ("/last-word/feed/", "rss20"),
    ("/last-word/feed/atom/", "atom10"),
    ("/tv/feed/", "rss20"),
    ("/tv/feed/atom/", "atom10"),
    ("/topics/finance/feed/", "rss20"),
    ("/topics/finance/feed/atom/", "atom10"),
    ("/authors/helen-carter/feed/", "rss20"),
    ("/authors/helen-carter/feed/atom/", "atom10"),
    ("/authors/guest-writer/feed/", "rss20"),
]


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def parse(response):
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def assert_valid_xml(response, version):
    """Well-formed XML with the elements each format requires, and Atom per RFC 4287."""
    root = etree.fromstring(response.content)
    if version == "atom10":
        assert ATOM_SCHEMA.validate(root), ATOM_SCHEMA.error_log.last_error
        for path in ("atom:id", "atom:title", "atom:updated", "atom:link[@rel='self']"):
            assert root.find(path, NS) is not None, path
        for entry in root.findall("atom:entry", NS):
            for path in ("atom:id", "atom:title", "atom:updated", "atom:published"):
                assert entry.find(path, NS) is not None, path
            credited = entry.find("atom:author", NS) is not None
            assert credited or root.find("atom:author", NS) is not None
    else:
        channel = root.find("channel")
        for path in ("title", "link", "description", "language", "lastBuildDate"):
            assert channel.findtext(path), path
        for item in channel.findall("item"):
            for path in ("title", "link", "guid", "pubDate", "description"):
                assert item.findtext(path), path
            parsedate_to_datetime(item.findtext("pubDate"))
            assert item.find("guid").get("isPermaLink") == "false"
    return root


def test_every_feed_is_valid_and_complete(client, filed_stories):
    for url, version in FEEDS:
        check_feed(client, url, version)


def check_feed(client, url, version):
    response = fetch(client, url)
    expected_type = "application/rss+xml" if version == "rss20" else "application/atom+xml"
    assert response["Content-Type"] == f"{expected_type}; charset=utf-8"
    assert_valid_xml(response, version)
    parsed = parse(response)
    assert parsed.version == version
    assert parsed.feed.title and parsed.feed.link.startswith("http://testserver/")
    assert parsed.entries, "every feed in the filed_stories has items"
    ids = [entry.id for entry in parsed.entries]
    assert len(ids) == len(set(ids))
    for entry in parsed.entries:
        assert entry.title and entry.link.startswith("http://testserver/")
        assert entry.published_parsed and entry.updated_parsed
        assert entry.id.startswith("tag:testserver,")
        assert entry.summary
        assert entry.content[0].value
    titles = {entry.title for entry in parsed.entries}
    assert "Secret draft" not in titles


def test_site_feed_lists_every_kind_newest_first(client, filed_stories):
    parsed = parse(fetch(client, "/feeds/rss/"))
    assert [entry.title for entry in parsed.entries] == [
        "Council approves budget",
        "Let councils plan",
        "In conversation",
        "Older story",
    ]


def test_item_has_authors_categories_rights_image_and_absolute_content(client, filed_stories):
    response = fetch(client, "/feeds/rss/")
    item = etree.fromstring(response.content).find("channel/item")
    assert item.findtext("title") == "Council approves budget"
    assert [e.text for e in item.findall("dc:creator", NS)] == ["Helen Carter", "Guest Writer"]
    assert [e.text for e in item.findall("category")] == ["Finance"]
    assert (
        item.findtext("dc:rights", namespaces=NS)
        == "© Public Sector Today. Licensed under CC BY 4.0."
    )
    assert item.findtext("description") == "Standfirst for Council approves budget"
    media = item.find("media:content", NS)
    assert media.get("type") == "image/jpeg" and media.get("medium") == "image"
    assert (media.get("width"), media.get("height")) == ("640", "360")
    assert media.get("url").startswith("http://testserver/media/images/")

    content = item.findtext("content:encoded", namespaces=NS)
    fragment = lxml_html.fragment_fromstring(content, create_parent="div")
    urls = [el.get("href") for el in fragment.iter("a")] + [
        el.get("src") for el in fragment.iter("img")
    ]
    assert "http://testserver/topics/finance/" in urls
    assert len(urls) >= 3  # the topic link, the hero image and the body image
    assert all(url.startswith("http://testserver/") for url in urls), urls
    assert "our finance coverage" in content


def test_atom_entry_credits_every_author_with_their_page(client, filed_stories):
    root = etree.fromstring(fetch(client, "/feeds/atom/").content)
    entry = root.find("atom:entry", NS)
    authors = [
        (a.findtext("atom:name", namespaces=NS), a.findtext("atom:uri", namespaces=NS))
        for a in entry.findall("atom:author", NS)
    ]
    assert authors == [
        ("Helen Carter", "http://testserver/authors/helen-carter/"),
        ("Guest Writer", "http://testserver/authors/guest-writer/"),
    ]
    assert (
        entry.findtext("atom:rights", namespaces=NS)
        == "© Public Sector Today. Licensed under CC BY 4.0."
    )
    assert entry.find("atom:content", NS).get("type") == "html"


def test_rights_fall_back_to_the_site_default_and_hosts_are_real(client, filed_stories):
    parsed = parse(fetch(client, "/tv/feed/"))
    assert parsed.entries[0].rights == "© Public Sector Today. All rights reserved."
    assert DjangoSite.objects.get_current().domain == "testserver"
    assert "example.com" not in fetch(client, "/feeds/rss/").content.decode()


def test_read_more_links_and_video_links_are_absolute(client, filed_stories):
    older = parse(fetch(client, "/news/feed/")).entries[1]
    assert older.title == "Older story"
    assert f'href="http://testserver{filed_stories.lead.url}"' in older.content[0].value
    video = parse(fetch(client, "/tv/feed/")).entries[0]
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in video.content[0].value


def test_guid_survives_retitle_and_move(client, filed_stories):
    def lead_entry():
        entries = parse(fetch(client, "/feeds/atom/")).entries
        return next(e for e in entries if e.id.endswith(f":page:{filed_stories.lead.pk}"))

    before = lead_entry()
    page = filed_stories.lead.specific
    page.title = "Council approves budget after all-night debate"
    page.save_revision().publish()
    retitled = lead_entry()
    assert retitled.title == "Council approves budget after all-night debate"
    assert retitled.id == before.id

    other_section = factories.make_section(NewsIndexPage, "Regional news", "regional")
    Page.objects.get(pk=page.pk).move(other_section, pos="last-child")
    moved = lead_entry()
    assert moved.link.startswith("http://testserver/regional/")
    assert moved.id == before.id


def test_conditional_get_answers_304_with_an_empty_body(client, filed_stories):
    first = fetch(client, "/topics/finance/feed/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")

    by_etag = client.get("/topics/finance/feed/", HTTP_IF_NONE_MATCH=etag)
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag["ETag"] == etag

    by_date = client.get("/topics/finance/feed/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert by_date.status_code == 304 and by_date.content == b""

    other_format = client.get("/topics/finance/feed/atom/", HTTP_IF_NONE_MATCH=etag)
    assert other_format.status_code == 200


def test_publishing_into_a_feed_renews_it_and_leaves_others_alone(client, filed_stories):
    topic_etag = fetch(client, "/topics/finance/feed/")["ETag"]
    tv_etag = fetch(client, "/tv/feed/")["ETag"]

    factories.make_article(title="Fresh finance story", topics=[filed_stories.finance])

    renewed = client.get("/topics/finance/feed/", HTTP_IF_NONE_MATCH=topic_etag)
    assert renewed.status_code == 200 and renewed["ETag"] != topic_etag
    assert parse(renewed).entries[0].title == "Fresh finance story"
    assert client.get("/tv/feed/", HTTP_IF_NONE_MATCH=tv_etag).status_code == 304


def test_unpublishing_and_refiling_renew_the_feeds_it_left(client, filed_stories):
    etag = fetch(client, "/topics/finance/feed/")["ETag"]
    page = filed_stories.lead.specific
    page.topics.set([filed_stories.empty])
    page.save_revision().publish()
    assert client.get("/topics/finance/feed/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    titles = [e.title for e in parse(fetch(client, "/topics/finance/feed/")).entries]
    assert "Council approves budget" not in titles
    assert parse(fetch(client, "/topics/empty-topic/feed/")).entries[0].title == page.title

    etag = fetch(client, "/news/feed/")["ETag"]
    page.unpublish()
    assert client.get("/news/feed/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    titles = [e.title for e in parse(fetch(client, "/news/feed/")).entries]
    assert titles == ["Older story"]


def test_renaming_a_topic_renews_the_feeds(client, filed_stories):
    etag = fetch(client, "/feeds/rss/")["ETag"]
    filed_stories.finance.name = "Public finance"
    filed_stories.finance.save()
    response = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert parse(response).entries[0].tags[0].term == "Public finance"


def test_empty_topic_is_a_valid_empty_feed(client, filed_stories):
    for url, version in (
        ("/topics/empty-topic/feed/", "rss20"),
        ("/topics/empty-topic/feed/atom/", "atom10"),
    ):
        response = fetch(client, url)
        assert_valid_xml(response, version)
        parsed = parse(response)
        assert parsed.version == version and parsed.entries == []


def test_unknown_feeds_are_404_and_pages_keep_their_own_addresses(client, filed_stories):
    for url in (
        "/topics/no-such-topic/feed/",
        "/authors/no-such-author/feed/atom/",
        "/no-such-section/feed/",
        "/feeds/json/",
        f"{filed_stories.lead.url}feed/",  # an article has no feed: Wagtail answers, with a 404
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/feeds/rss/").status_code == 405


def test_feed_query_count_does_not_grow_with_items(client, filed_stories):
    from django.core.cache import cache

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            fetch(client, "/feeds/rss/")
        return len(captured)

    fetch(client, "/feeds/rss/")  # first build makes the renditions
    before = queries()
    image = filed_stories.image
    for number in range(4):
        factories.make_article(
            title=f"Extra {number}",
            topics=[filed_stories.finance],
            authors=[filed_stories.helen],
            hero_image=image,
            body=[
                {
                    "type": "image",
                    "value": {"image": image.pk, "alt_text": "", "caption": "", "credit": ""},
                },
                {
                    "type": "read_more",
                    "value": {"page": filed_stories.lead.pk, "url": "", "title": ""},
                },
            ],
        )
    fetch(client, "/feeds/rss/")
    assert queries() == before


def test_autodiscovery_links_resolve_to_feeds(client, filed_stories):
    checked = set()
    for page_url, own_feed in [
        ("/", "/feeds/rss/"),
        ("/news/", "/news/feed/"),
        ("/tv/", "/tv/feed/atom/"),
        ("/topics/finance/", "/topics/finance/feed/"),
        ("/authors/guest-writer/", "/authors/guest-writer/feed/atom/"),
        (filed_stories.lead.url, "/news/feed/"),
        (filed_stories.column.url, "/authors/guest-writer/feed/"),
        (filed_stories.video.url, "/tv/feed/"),
    ]:
        checked |= check_autodiscovery(client, page_url, own_feed, checked)


def check_autodiscovery(client, page_url, own_feed, already_checked):
    page = client.get(page_url)
    assert page.status_code == 200
    head = lxml_html.fromstring(page.content).find("head")
    links = head.xpath("link[@rel='alternate']")
    hrefs = [link.get("href") for link in links]
    assert own_feed in hrefs and "/feeds/rss/" in hrefs and "/feeds/atom/" in hrefs
    for link in links:
        assert link.get("title")
        if link.get("href") in already_checked:
            continue
        feed = fetch(client, link.get("href"))
        assert feed["Content-Type"].startswith(link.get("type"))
        assert parse(feed).version in {"rss20", "atom10"}
    return set(hrefs)


def test_feed_index_lists_every_feed(client, filed_stories):
    page = client.get("/feeds/")
    assert page.status_code == 200
    hrefs = set(re.findall(r'href="([^"]+/(?:rss|atom|feed)/(?:atom/)?)"', page.content.decode()))
    expected = {url for url, _ in FEEDS} | {"/topics/empty-topic/feed/"}
    assert expected <= hrefs
    for href in hrefs:
        parse(fetch(client, href))


def test_feeds_stay_out_of_the_page_cache_and_keep_answering_304(client, filed_stories, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    etag = fetch(client, "/news/feed/")["ETag"]
    assert client.get("/news/feed/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    factories.make_article(title="Published while pages are cached")
    renewed = client.get("/news/feed/", HTTP_IF_NONE_MATCH=etag)
    assert renewed.status_code == 200
    assert parse(renewed).entries[0].title == "Published while pages are cached"


def test_listings_show_visible_links_to_their_feeds(client, filed_stories):
    for url, feed in (
        ("/news/", "/news/feed/"),
        ("/topics/finance/", "/topics/finance/feed/atom/"),
        ("/authors/helen-carter/", "/authors/helen-carter/feed/"),
    ):
        body = lxml_html.fromstring(client.get(url).content).find("body")
        assert feed in body.xpath("//p[@class='subscribe']/a/@href"), url


def test_control_characters_typed_into_a_story_never_break_a_feed(client, filed_stories):
    """A vertical tab pasted into a headline, standfirst, body or topic name (Django's feed
    writer refuses it) becomes a space when the page or snippet is saved."""
    lead = filed_stories.lead
    lead.title = "Council\x0bapproves budget"
    lead.standfirst = "Line one\x0bline two\x0c"
    lead.body = [{"type": "paragraph", "value": "<p>Soft\x0bbreak</p>"}]
    lead.save_revision().publish()
    filed_stories.finance.name = "Fin\x0bance"
    filed_stories.finance.full_clean()  # as the snippet's admin form does
    filed_stories.finance.save()
    for url, version in FEEDS:
        check_feed(client, url, version)
    lead.refresh_from_db()
    assert (lead.title, lead.standfirst) == ("Council approves budget", "Line one line two ")
    entries = parse(fetch(client, "/feeds/rss/")).entries
    story = next(entry for entry in entries if entry.title == "Council approves budget")
    assert "Soft break" in story.content[0].value
    assert "Fin ance" in [tag.term for tag in story.tags]
