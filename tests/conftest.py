"""Shared fixtures. Factories live in tests/factories.py."""

import pytest
from wagtail.models import Site

from tests import factories


@pytest.fixture
def site(db):
    """The default Wagtail site, on the host tests request ("testserver")."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "testserver", 80
    site.save()
    return site


@pytest.fixture
def home(site):
    return factories.home_page()


@pytest.fixture
def news_section(home):
    from news.models import NewsIndexPage

    return factories.make_section(NewsIndexPage, "Latest Public Sector News", "news")


@pytest.fixture
def opinion_section(home):
    from opinion.models import LastWordIndexPage

    return factories.make_section(LastWordIndexPage, "Last word", "last-word")


@pytest.fixture
def tv_section(home):
    from news.models import VideoIndexPage

    return factories.make_section(VideoIndexPage, "TV", "tv")


@pytest.fixture
def sections(news_section, opinion_section, tv_section):
    return {"news": news_section, "opinion": opinion_section, "tv": tv_section}
