"""Shared fixtures. Factories live in tests/factories.py."""

import os
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Site

from cms import changes, routing
from tests import factories

# Playwright's sync API runs an event loop in the test thread; Django's live server and ORM
# are still used synchronously from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium: Playwright's own browser download cannot work offline."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts with empty caches. Fragments are keyed by the change stamps, which
    live in the database and so go back with each test's rollback, while the in-memory
    cache keeps everything: without this, a test could be served a fragment an earlier test
    cached under the same stamps (e.g. scopes neither ever changed)."""
    cache.clear()
    changes.forget_read_versions()
    routing.forget()


@pytest.fixture
def page_cache(settings):
    """Whole-page caching on (test settings turn it off), starting from an empty cache."""
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def new_transaction():
    """Forget what the test's transaction has left to do on commit (the fixtures' changes),
    so the next change is recorded as in a transaction of its own: the change pipeline
    (cms/changes.py) gathers one set per transaction and records each thing once in it."""

    def forget():
        transaction.get_connection().run_on_commit = []

    return forget


@pytest.fixture
def site(db):
    """The default Wagtail site, on the host tests request ("testserver")."""
    factories.restore_base_content()
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "testserver", 80
    site.save()
    return site


@pytest.fixture
def live_site(live_server, site):
    """The default Wagtail site on the live server's host and port, so the pages a browser
    loads from it link to it (its base URL is `live_server.url`)."""
    site.hostname, site.port = "localhost", urlsplit(live_server.url).port
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


@pytest.fixture
def content(sections):
    """A small site: two articles (one with every body block), a column and a video."""
    topic = factories.make_topic("Local government", description="Councils and mayors.")
    other = factories.make_topic("Finance")
    writer = factories.make_author("Helen Carter", role="News editor", organisation="PST")
    columnist = factories.make_author(
        "Rob Whiteman", role="CEO", organisation="CIPFA", declared_interests="None."
    )
    first = factories.make_article(
        title="Council sets budget",
        topics=[topic],
        authors=[writer],
        when=factories.days_ago(3),
        hero_image=factories.make_image("Town hall"),
        hero_caption="The town hall",
        hero_credit="Photo: PST",
    )
    article = factories.make_article(
        title="Mayor announces bus plan",
        topics=[topic, other],
        authors=[writer, columnist],
        when=factories.days_ago(1),
        body=[
            {"type": "paragraph", "value": "<p>The mayor spoke.</p>"},
            {"type": "read_more", "value": {"page": first.pk, "url": "", "title": ""}},
            {"type": "pull_quote", "value": {"quote": "Buses matter.", "attribution": "Mayor"}},
            {"type": "factbox", "value": {"title": "Key facts", "body": "<p>£4m</p>"}},
            {"type": "heading", "value": {"text": "What next", "level": "h2"}},
            {"type": "heading", "value": {"text": "In the city centre", "level": "h3"}},
            {
                "type": "image",
                "value": {
                    "image": factories.make_image("Bus", 960, 540).pk,
                    "alt_text": "A red bus",
                    "caption": "The new bus",
                    "credit": "Photo: PST",
                },
            },
            {
                "type": "video",
                "value": {"video": "https://vimeo.com/76979871", "caption": "Launch"},
            },
            {"type": "read_more", "value": {"url": "https://www.gov.uk/", "title": "GOV.UK"}},
        ],
    )
    column = factories.make_column(
        title="Funding must be multi-year",
        topics=[other],
        columnist=columnist,
        pull_quote="Plan for the long term.",
    )
    video = factories.make_video(
        title="In conversation with a council leader",
        topics=[topic],
        authors=[writer],
        transcript="Presenter: Welcome.\n\nGuest: Thank you.",
    )
    return locals()
