"""Listing pages run a fixed number of queries, however many items they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

# The article page shows three teaser lists (the editor's related items, the search engine's
# "You might also like", the latest of its kind), the story itself, its head (description,
# social tags, JSON-LD: corrections, section, authors, topics) and breadcrumbs: each is a
# fragment kept under its scopes' versions (cms/changes.py), so a warm page reads none of
# them; cold, each list is a fixed set of queries (pages, hero images, renditions, authors,
# topics). Site and comment settings are kept under the `all` scope. What is left: the
# scopes' versions and the page's row (each process remembers which site and page an
# address is: cms/routing.py);
# the comment section is shared by readers not signed in (comments/templatetags/
# comment_tags.py), so its thread is read only when a comment changed. The home page's
# listings are one fragment (cms/home_listings.html).
BUDGET = {"home": 2, "section": 8, "article": 2, "topic": 8, "author": 8}


def add_items(start, stop, topics, authors, image):
    """Items numbered start..stop-1: articles, with a column and a video every fifth."""
    articles = []
    for n in range(start, stop):
        articles.append(
            factories.make_article(
                title=f"Article {n}",
                topics=topics[:2],
                authors=authors[:2],
                hero_image=image,
                when=factories.days_ago(n),
            )
        )
        if n % 5 == 0:
            factories.make_column(
                title=f"Column {n}", topics=topics[:1], columnist=authors[0], hero_image=image
            )
            factories.make_video(
                title=f"Video {n}", topics=topics[:1], authors=authors[:1], hero_image=image
            )
    return articles


def urls_for(lead, sections, topics, authors):
    return {
        "home": "/",
        "section": sections["news"].url,
        "article": lead.url,
        "topic": f"/topics/{topics[0].slug}/",
        "author": f"/authors/{authors[0].slug}/",
    }


def count_queries(client, url):
    # Warm per-process caches (content types, site root paths, renditions); the first request
    # also creates the site settings row.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_items_listed(client, sections, settings):
    settings.LISTING_PAGE_SIZE = 100
    home = factories.home_page()
    home.latest_count = 60
    home.save()

    topics = [factories.make_topic(f"Topic {n}") for n in range(3)]
    authors = [factories.make_author(f"Writer {n}") for n in range(3)]
    image = factories.make_image("Shared hero")
    articles = add_items(0, 5, topics, authors, image)
    lead = articles[0]
    for related in articles[1:4]:
        lead.related_items.create(related_page=related)
    lead.save_revision().publish()
    urls = urls_for(lead, sections, topics, authors)
    small = {name: count_queries(client, url) for name, url in urls.items()}

    # 45 more items: every listing now shows ten times as many.
    add_items(5, 50, topics, authors, image)
    large = {name: count_queries(client, url) for name, url in urls.items()}
    topic_page = client.get(urls["topic"]).content.decode()
    assert topic_page.count('class="teaser"') >= 50

    for name, budget in BUDGET.items():
        assert small[name] <= budget, f"{name}: {small[name]} queries at 5 items"
        assert large[name] <= budget, f"{name}: {large[name]} queries at 50 items"
        assert large[name] == small[name], f"{name}: {small[name]} → {large[name]} queries"
