"""An address finds its page in one lookup of its URL path (cms.models.home.HomePage.route)
with the answers Wagtail's walk down the tree gives; each process then remembers which site
and page the address is (cms/routing.py), so a warm page costs two queries, and nothing a
page or site change does is ever answered from memory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms.models.home import pages_route_beneath_themselves
from news.models import NewsIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_story_is_served_at_its_address(client, news_section):
    article = factories.make_article(title="Ring road reopens")

    response = client.get(article.url)

    assert response.status_code == 200
    assert response.context["page"] == article
    assert "Ring road reopens" in response.content.decode()


def test_a_draft_and_an_address_below_a_story_are_not_found(client, news_section):
    factories.make_article(title="Not out yet", slug="not-out-yet", publish=False)
    story = factories.make_article(title="Out now")

    assert client.get("/news/not-out-yet/").status_code == 404
    assert client.get(story.url + "more/").status_code == 404
    assert client.get("/news/no-such-story/").status_code == 404


def test_sections_and_a_live_pages_own_addresses_are_served(client, news_section):
    live = factories.make_live_page(title="Count night")

    assert client.get(news_section.url).status_code == 200
    assert client.get(live.url).status_code == 200
    updates = client.get(live.url + "updates/?since=0")
    assert updates.status_code == 200
    assert updates.json()["entries"] == []


def test_no_page_type_with_addresses_of_its_own_may_have_children():
    # Otherwise one of its routes could shadow a child's address, and the one lookup
    # would be skipped for every request (a query per level again).
    assert not pages_route_beneath_themselves()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_warm_page_is_found_in_two_queries_and_is_the_live_page(client, news_section):
    article = factories.make_article(title="Bins collected weekly")
    assert client.get(article.url).status_code == 200  # remembered now
    first, warm = queries_for(client, article.url)
    factories.make_article(title="Another story")  # the site changes; this page does not
    Page.objects.filter(pk=article.pk).update(title="Bins collected fortnightly")
    client.get(article.url)  # its teaser fragments are made again

    again, after = queries_for(client, article.url)

    assert first.status_code == again.status_code == 200
    assert warm == after == 2  # the change stamps, then the page's own row
    assert "Bins collected fortnightly" in again.content.decode()  # its row, read afresh


def test_a_moved_renamed_unpublished_or_deleted_page_is_never_served_from_memory(
    client, news_section
):
    other = factories.make_section(NewsIndexPage, "Elsewhere", "elsewhere")
    moved = factories.make_article(title="Moving story")
    renamed = factories.make_article(title="Old name")
    unpublished = factories.make_article(title="Gone quiet")
    deleted = factories.make_article(title="Gone entirely")
    addresses = {page: page.url for page in (moved, renamed, unpublished, deleted)}
    assert all(client.get(url).status_code == 200 for url in addresses.values())

    moved.move(other, pos="last-child")
    renamed.slug = "new-name"
    renamed.save_revision().publish()
    unpublished.unpublish()
    deleted.delete()

    answers = {page: client.get(url) for page, url in addresses.items()}
    assert answers.pop(moved)["Location"] == "/elsewhere/moving-story/"  # Wagtail's redirect
    assert {answer.status_code for answer in answers.values()} == {404}
    assert client.get("/elsewhere/moving-story/").status_code == 200
    assert client.get("/news/new-name/").status_code == 200


def test_a_page_replaced_at_the_same_address_is_the_new_one(client, news_section):
    first = factories.make_article(title="Same address", body=[])
    assert "Body text" not in client.get(first.url).content.decode()
    first.delete()

    second = factories.make_article(title="Same address")

    assert "Body text of Same address" in client.get(second.url).content.decode()


def test_a_new_site_for_a_host_takes_its_requests_at_once(client, news_section, settings):
    """Which site answers a host is remembered until the `all` scope moves, and making a
    Site moves it: here a host that fell back to the default site gets its own."""
    settings.ALLOWED_HOSTS = ["testserver", "council.example"]
    article = factories.make_article(title="Shared story")
    path = "/news/shared-story/"
    assert client.get(path, HTTP_HOST="council.example").status_code == 200  # default site

    # The other site's root is the news section: the story is at /shared-story/ there.
    Site.objects.create(hostname="council.example", port=80, root_page=news_section)

    assert client.get(path, HTTP_HOST="council.example").status_code == 404
    response = client.get("/shared-story/", HTTP_HOST="council.example")
    assert response.status_code == 200 and article.title in response.content.decode()
    assert client.get(path).status_code == 200  # the default site's host is unchanged
