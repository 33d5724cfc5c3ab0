"""A reader of live coverage in Chromium: a new entry arrives without a reload, announced
to screen readers, and waits behind a button instead of moving the page."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_new_entry_appears_without_reload_and_is_announced(
    page, live_server, live_site, news_section, settings
):
    settings.LIVE_POLL_SECONDS = 1
    live = factories.make_live_page(title="Budget live")
    factories.make_live_entry(live, "The Chancellor stands up")
    loads = []
    page.on("load", lambda _page: loads.append(1))
    page.goto(live_server.url + live.url)
    status = page.locator("[data-live-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    entries = page.locator("[data-live-entries] > li")
    expect(entries).to_have_count(1)

    new = factories.make_live_entry(live, "Fuel duty frozen", headline="Fuel duty")
    button = page.get_by_role("button", name="Show 1 new update")
    expect(button).to_be_visible(timeout=10_000)
    expect(status).to_have_text(re.compile(r"^1 new update\."))
    expect(entries).to_have_count(1)  # nothing moved until the reader asks

    button.click()
    expect(entries).to_have_count(2)
    first = entries.first.locator("article")
    expect(first).to_have_attribute("id", new.anchor)
    expect(first).to_contain_text("Fuel duty frozen")
    expect(first).to_be_focused()
    expect(status).to_have_text("Showing 1 new update.")
    expect(button).to_be_hidden()
    assert loads == [1], "the page was never reloaded"
