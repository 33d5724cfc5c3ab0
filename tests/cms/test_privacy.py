"""A private section (password, login or group restricted) is left out by one rule
(cms/privacy.py) everywhere: listings, feeds, the API and comments, for every reader."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from cms.models import ContentPage
from comments.views import live_item
from news.models import ArticlePage, NewsIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_only(news_section):
    """A public story, and one in a section only signed-in readers may open."""
    public = factories.make_article(title="Budget approved")
    members = factories.make_section(NewsIndexPage, "Members", "members")
    private = factories.make_article(parent=members, title="Briefing for members")
    restriction = PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.LOGIN
    )
    return public, private, restriction


def api_titles(client):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_a_signed_in_reader_who_may_open_it_still_does_not_see_it_listed(client, members_only):
    public, private, _restriction = members_only
    client.force_login(get_user_model().objects.create_user("reader", "r@example.org", "pw"))
    assert client.get(private.url).status_code == 200  # they may read it

    assert list(ContentPage.objects.listed()) == [public.contentpage_ptr]
    assert api_titles(client) == ["Budget approved"]
    assert "Briefing for members" not in client.get("/feeds/rss/").content.decode()
    assert live_item(ArticlePage, private.pk) is None
    assert live_item(ArticlePage, public.pk) == public


def test_lifting_the_restriction_lists_it_at_once(client, members_only):
    public, private, restriction = members_only
    assert api_titles(client) == ["Budget approved"]
    restriction.delete()
    assert api_titles(client) == ["Briefing for members", "Budget approved"]
    assert live_item(ArticlePage, private.pk) == private


def test_a_story_in_a_private_section_asks_readers_to_sign_in(client, members_only):
    public, private, restriction = members_only

    assert client.get(public.url).status_code == 200
    refused = client.get(private.url)
    assert refused.status_code == 302
    assert "next=" in refused["Location"]

    restriction.delete()
    assert client.get(private.url).status_code == 200
