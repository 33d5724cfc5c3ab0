"""JSON-LD, Open Graph and X cards, canonical URLs and noindex on filtered listings."""

import json
from datetime import timedelta

from lxml import html as lxml_html

from news.structured_data import iso_duration, to_script_json
from tests import factories


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content).find("head")


def json_ld(head):
    return [json.loads(script.text) for script in head.xpath("script[@type='application/ld+json']")]


def of_type(items, schema_type):
    found = [item for item in items if item["@type"] == schema_type]
    assert len(found) == 1, [item["@type"] for item in items]
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


def meta(head, name):
    found = head.xpath(f"meta[@property='{name}' or @name='{name}']/@content")
    return found[0] if found else None


def test_news_article_json_ld_and_social_tags(client, filed_stories):
    url = f"http://testserver{filed_stories.lead.url}"
    head = head_of(client, filed_stories.lead.url)
    article = of_type(json_ld(head), "NewsArticle")
    assert article["headline"] == "Council approves budget"
    assert article["url"] == url and article["mainEntityOfPage"]["@id"] == url
    assert [a["name"] for a in article["author"]] == ["Helen Carter", "Guest Writer"]
    assert article["author"][0]["url"] == "http://testserver/authors/helen-carter/"
    assert article["datePublished"] <= article["dateModified"]
    assert article["image"][0].startswith("http://testserver/media/images/")
    assert article["publisher"]["name"] == "Public Sector Today"
    assert article["keywords"] == ["Finance"]
    assert article["copyrightNotice"] == "© Public Sector Today. Licensed under CC BY 4.0."
    assert article["license"] == "https://creativecommons.org/licenses/by/4.0/"

    crumbs = of_type(json_ld(head), "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Home"),
        (2, "Latest Public Sector News"),
        (3, "Council approves budget"),
    ]
    assert crumbs[-1]["item"] == url

    assert head.xpath("link[@rel='canonical']/@href") == [url]
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:url") == url
    assert meta(head, "og:title") == "Council approves budget"
    assert meta(head, "og:image").startswith("http://testserver/media/images/")
    width, height = int(meta(head, "og:image:width")), int(meta(head, "og:image:height"))
    assert abs(width / height - 1200 / 630) < 0.02  # cropped to 1.91:1, never enlarged
    assert meta(head, "article:tag") == "Finance"
    assert meta(head, "twitter:card") == "summary_large_image"
    assert meta(head, "twitter:title") == "Council approves budget"


def test_video_object(client, filed_stories):
    head = head_of(client, filed_stories.video.url)
    video = of_type(json_ld(head), "VideoObject")
    assert video["name"] == "In conversation"
    assert video["description"]
    assert video["thumbnailUrl"][0].startswith("http://testserver/media/images/")
    assert video["uploadDate"].startswith(filed_stories.video.date.strftime("%Y-%m-%d"))
    assert video["duration"] == "PT12M30S"
    assert video["embedUrl"].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert meta(head, "og:type") == "video.other"


def test_author_page_is_a_person(client, filed_stories):
    head = head_of(client, "/authors/guest-writer/")
    person = of_type(json_ld(head), "Person")
    assert person["name"] == "Guest Writer"
    assert person["url"] == "http://testserver/authors/guest-writer/"
    assert person["jobTitle"] == "Chief executive"
    assert person["worksFor"] == {"@type": "Organization", "name": "CIPFA"}
    assert "email" not in json.dumps(person)
    assert of_type(json_ld(head), "BreadcrumbList")["itemListElement"][-1]["name"] == "Guest Writer"
    assert meta(head, "og:type") == "profile"
    assert head.xpath("link[@rel='canonical']/@href") == ["http://testserver/authors/guest-writer/"]


def test_topic_and_home_pages(client, filed_stories):
    topic = head_of(client, "/topics/finance/")
    crumbs = of_type(json_ld(topic), "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Topics", "Finance"]
    assert meta(topic, "og:description") == "Budgets and funding."
    home = head_of(client, "/")
    assert of_type(json_ld(home), "WebSite")["url"] == "http://testserver/"


def test_json_ld_cannot_break_out_of_its_script(client, filed_stories):
    title = 'Council says "</script><script>alert(1)</script>" & more'
    page = factories.make_article(title=title, standfirst="<b>bold</b> claims", body=[])
    response = client.get(page.url)
    assert b"<script>alert(1)</script>" not in response.content
    article = of_type(json_ld(lxml_html.fromstring(response.content).find("head")), "NewsArticle")
    assert article["headline"] == title
    assert article["description"] == "<b>bold</b> claims"
    assert to_script_json({"x": "</script>"}) == '{"x":"\\u003C/script\\u003E"}'


def test_filtered_listings_are_noindex_but_plain_ones_are_not(client, filed_stories):
    def robots(url):
        return head_of(client, url).xpath("meta[@name='robots']/@content")

    for url in ("/news/", "/topics/finance/", "/authors/helen-carter/"):
        assert robots(url) == [], url
        assert robots(f"{url}?page=1") == ["noindex, follow"], url
        assert robots(f"{url}?utm_source=newsletter") == ["noindex, follow"], url
    canonical = head_of(client, "/news/?page=1").xpath("link[@rel='canonical']/@href")
    assert canonical == ["http://testserver/news/"]


def test_iso_durations():
    assert iso_duration(timedelta(minutes=12, seconds=30)) == "PT12M30S"
    assert iso_duration(timedelta(hours=1)) == "PT1H"
    assert iso_duration(timedelta(hours=1, seconds=5)) == "PT1H5S"
    assert iso_duration(timedelta(0)) == "PT0S"
