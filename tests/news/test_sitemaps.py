"""Sitemaps and robots.txt: what search engines are told to crawl."""

from lxml import etree

from tests import factories

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def parse_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def test_sitemap_index_lists_pages_topics_and_authors(client, filed_stories):
    index = parse_xml(client, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    sections = [loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-topics.xml",
        "http://testserver/sitemap-authors.xml",
    ]
    urls = set()
    for section in sections:
        urlset = parse_xml(client, section.removeprefix("http://testserver"))
        urls |= {loc.text for loc in urlset.findall("sm:url/sm:loc", SITEMAP_NS)}
    for page in (
        filed_stories.lead,
        filed_stories.column,
        filed_stories.video,
        filed_stories.sections["news"],
    ):
        assert f"http://testserver{page.url}" in urls
    assert "http://testserver/topics/finance/" in urls
    assert "http://testserver/authors/guest-writer/" in urls
    assert not any("secret-draft" in url for url in urls)
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_news_sitemap_lists_the_last_48_hours(client, filed_stories):
    fresh = factories.make_article(
        title="Breaking: council & union agree", when=factories.days_ago(0.5)
    )
    urlset = parse_xml(client, "/news-sitemap.xml")
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url
        for url in urlset.findall("sm:url", SITEMAP_NS)
    }
    assert set(entries) == {
        f"http://testserver{fresh.url}",
        f"http://testserver{filed_stories.lead.url}",
    }
    news = entries[f"http://testserver{fresh.url}"].find("news:news", SITEMAP_NS)
    assert news.findtext("news:title", namespaces=SITEMAP_NS) == "Breaking: council & union agree"
    assert (
        news.findtext("news:publication/news:name", namespaces=SITEMAP_NS) == "Public Sector Today"
    )
    assert news.findtext("news:publication/news:language", namespaces=SITEMAP_NS) == "en"
    published = news.findtext("news:publication_date", namespaces=SITEMAP_NS)
    assert published.startswith(fresh.sort_date.strftime("%Y-%m-%dT"))


def test_robots_txt_points_to_sitemaps_and_keeps_crawlers_out_of_admin_and_search(client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
