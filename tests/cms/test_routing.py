"""An address finds its page in one lookup of its URL path (cms.models.home.HomePage.route)
with the answers Wagtail's walk down the tree gives."""

import pytest

from cms.models.home import pages_route_beneath_themselves
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
