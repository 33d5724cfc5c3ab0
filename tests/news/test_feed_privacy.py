"""A private section has no feed: its title and intro never reach a feed reader."""

import pytest
from wagtail.models import PageViewRestriction

from news.models import NewsIndexPage
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "Members briefing room"
INTRO = "Confidential plans for the merger"


@pytest.fixture
def private_section(home):
    section = factories.make_section(NewsIndexPage, TITLE, "briefings")
    # Out of the menu: the site menu (not the feed) is not what this test is about.
    NewsIndexPage.objects.filter(pk=section.pk).update(intro=INTRO, show_in_menus=False)
    factories.make_article(parent=section, title="Inside the merger")
    return section


@pytest.mark.parametrize("path", ["/briefings/feed/", "/briefings/feed/atom/"])
@pytest.mark.parametrize("restriction", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_private_sections_feed_reveals_nothing(client, private_section, path, restriction):
    assert client.get(path).status_code == 200  # public, it has a feed with its title
    PageViewRestriction.objects.create(
        page=private_section, restriction_type=restriction, password="secret"
    )

    response = client.get(path)

    assert response.status_code == 404
    content = response.content.decode()
    assert TITLE not in content and INTRO not in content


def test_a_page_inside_a_private_section_has_no_feed_either(client, private_section):
    inner = factories.make_section(NewsIndexPage, "Inner desk", "inner", parent=private_section)
    PageViewRestriction.objects.create(
        page=private_section, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(inner.url + "feed/")
    assert response.status_code == 404
    assert TITLE not in response.content.decode()
