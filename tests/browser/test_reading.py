"""A reader in Chromium: the video player loads nothing from YouTube until asked; keyboard use."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def outside_requests(page, live_server):
    """Record and refuse every request that would leave the machine."""
    seen = []

    def guard(route):
        url = route.request.url
        if url.startswith(live_server.url):
            route.continue_()
        else:
            seen.append(url)
            route.abort()

    page.route("**/*", guard)
    return seen


def test_video_plays_only_when_the_reader_asks(page, live_server, live_site, outside_requests):
    video = factories.make_video(title="Council leader interview")
    page.goto(live_server.url + video.url)

    player = page.locator("[data-video-embed]")
    expect(
        player.get_by_role("link", name=re.compile("Watch “Council leader interview” on YouTube"))
    ).to_be_visible()
    assert page.locator("iframe").count() == 0
    assert outside_requests == [], "the page itself must not contact YouTube"

    page.get_by_role("button", name="Play video: Council leader interview").click()
    frame = page.locator("[data-video-embed] iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0&autoplay=1"
    )
    expect(frame).to_have_attribute("title", "Council leader interview")


def test_skip_link_takes_keyboard_users_to_the_story(page, live_server, live_site):
    article = factories.make_article(title="Budget approved")
    page.goto(live_server.url + article.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_narrow_screens_get_a_single_column(page, live_server, live_site):
    factories.make_article(title="Story one")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways at 375px ({width}px wide)"
