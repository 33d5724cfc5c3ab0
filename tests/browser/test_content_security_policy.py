"""Under the Content-Security-Policy the site and the admin still work in Chromium, and the
browser reports no violation; a policy that forgets a player host is caught."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0&autoplay=1"


class Violations(list):
    """A list that also carries the outside URLs the page asked for."""


@pytest.fixture
def violations(page, live_server):
    """CSP violations Chromium logs to the console; requests leaving the machine are aborted
    (the player's own page is never loaded), and recorded."""
    found = Violations()
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    found.outside = []

    def guard(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            found.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return found


def press_play(page, live_server, video):
    page.goto(live_server.url + video.url)
    page.get_by_role("button", name=f"Play video: {video.title}").click()
    frame = page.locator("[data-video-embed] iframe")
    expect(frame).to_have_attribute("src", PLAYER)
    page.wait_for_timeout(300)  # let the frame's navigation start (and be checked)


def test_the_video_player_works_under_the_policy(page, live_server, live_site, violations):
    video = factories.make_video(title="Council leader interview")
    response = page.goto(live_server.url + video.url)
    policy = response.headers["content-security-policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in policy
    assert "'unsafe-inline'" not in policy
    press_play(page, live_server, video)
    assert violations == []
    # The frame's request was made (and aborted here): the policy let it go.
    assert any(
        url.startswith("https://www.youtube-nocookie.com/embed/") for url in violations.outside
    )


def test_a_policy_without_the_player_host_is_reported(
    page, live_server, live_site, violations, settings
):
    """The check above can fail: the same steps under a policy lacking the host are caught."""
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "frame-src": ["https://player.vimeo.com"],
        }
    }
    video = factories.make_video(title="Budget explainer")
    press_play(page, live_server, video)
    assert any("frame-src" in message for message in violations), violations


def test_reading_pages_and_search_raise_no_violation(page, live_server, live_site, violations):
    article = factories.make_article(title="Budget approved")  # with JSON-LD in its head
    for path in (article.url, "/", "/search/?q=budget"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    page.get_by_role("combobox", name="Search the site").fill("Bud")  # the autocomplete's fetch
    page.wait_for_timeout(500)
    assert violations == []
    assert violations.outside == []


def test_the_admin_works_under_its_own_policy(page, live_server, live_site, violations):
    """Wagtail's admin needs inline scripts and styles, which its policy allows; nothing else."""
    get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-for-the-test")
    article = factories.make_article(title="Budget approved")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("pw-for-the-test")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page.get_by_role("heading", name="Site summary")).to_be_visible()
    page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_title, [name=title]").first).to_have_value("Budget approved")
    page.wait_for_load_state("networkidle")
    assert violations == []
    assert violations.outside == [], "no admin page may ask another machine for anything"

    # Signed in, public pages carry Wagtail's user bar, under the public policy.
    page.goto(live_server.url + article.url)
    expect(page.locator("wagtail-userbar")).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert violations == []
