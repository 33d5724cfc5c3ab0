"""A reader in Chromium: opening an article sends one beacon, which is counted; a reload
is the same reader and counts nothing more; without JavaScript nothing is sent."""

import pytest
from django.core.cache import cache

from tests import factories
from tests.mostread.helpers import BROWSER, reads

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BEACON = "/most-read/count/"


@pytest.fixture
def browser_context_args(browser_context_args):
    """A desktop Chrome's User-Agent: headless Chromium says "HeadlessChrome", which the
    counter leaves out as a bot."""
    return {**browser_context_args, "user_agent": BROWSER}


@pytest.fixture
def story(live_site, news_section):
    cache.clear()  # reader keys and salts from other tests
    yield factories.make_article(title="Council tax to rise 5%")
    cache.clear()


def test_loading_an_article_sends_one_beacon_that_is_counted(page, live_server, story):
    sent = []
    page.on("request", lambda request: sent.append(request) if BEACON in request.url else None)

    with page.expect_response(lambda response: BEACON in response.url) as answer:
        page.goto(live_server.url + story.url)

    assert answer.value.status == 204
    assert [(request.method, request.post_data) for request in sent] == [
        ("POST", f"page={story.pk}")
    ]
    assert reads() == {story.pk: 1}

    with page.expect_response(lambda response: BEACON in response.url) as again:
        page.reload()
    assert again.value.status == 204
    assert len(sent) == 2
    assert reads() == {story.pk: 1}  # the same reader, within the half hour


def test_without_javascript_nothing_is_sent(browser, live_server, story):
    context = browser.new_context(java_script_enabled=False, user_agent=BROWSER)
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url))

    page.goto(live_server.url + story.url, wait_until="load")
    page.wait_for_timeout(500)

    assert page.get_by_role("heading", name="Council tax to rise 5%").is_visible()
    assert [url for url in sent if BEACON in url] == []
    assert reads() == {}
    context.close()
