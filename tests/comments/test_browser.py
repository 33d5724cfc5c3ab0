"""In Chromium: a guest comments and confirms from the email; another reader replies inline."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests import factories
from tests.background.helpers import run_due_tasks
from tests.comments.helpers import CONFIRM_LINK, MUTE_LINK

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def write_comment(page, text, name, email, follow=False):
    page.get_by_label("Your comment").fill(text)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email address").fill(email)
    if follow:
        page.get_by_label("Email me when someone else comments on this item").check()
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()


def emailed_link(pattern, to):
    run_due_tasks()  # the worker sends what the live server queued
    [message] = [m for m in mail.outbox if m.to == [to] and pattern.search(m.body)]
    return pattern.search(message.body).group(0)


def test_a_guest_comments_confirms_and_another_reader_replies(
    page, browser, live_server, live_site
):
    article = factories.make_article(title="Libraries to open on Sundays")

    page.goto(live_server.url + article.url)
    expect(page.get_by_text("There are no comments. Why not be the first?")).to_be_visible()
    write_comment(page, "Sunday opening is overdue.", "Ada Reader", "ada@example.org", True)

    link = emailed_link(CONFIRM_LINK, "ada@example.org")
    assert link.startswith(live_server.url + "/comments/confirm/")
    page.goto(link)
    comments = page.locator("#comments")
    expect(comments.get_by_text("1 comment", exact=True)).to_be_visible()
    first = comments.locator("li.comment").first
    expect(first.get_by_text("Sunday opening is overdue.")).to_be_visible()
    expect(first.get_by_text("Ada Reader", exact=True)).to_be_visible()

    other = browser.new_page()
    other.goto(live_server.url + article.url)
    other.get_by_role("link", name="Reply to Ada Reader").click()
    expect(other.get_by_role("heading", name="Reply to Ada Reader")).to_be_visible()
    assert other.url == live_server.url + article.url  # the form opened in place
    write_comment(other, "Only if staff are paid fairly.", "Bo Reader", "bo@example.org")
    other.goto(emailed_link(CONFIRM_LINK, "bo@example.org"))

    reply = other.locator("#comments li.comment li.comment")
    expect(reply.get_by_text("Only if staff are paid fairly.")).to_be_visible()
    expect(other.locator("#comments").get_by_text("2 comments", exact=True)).to_be_visible()

    unsubscribe = emailed_link(MUTE_LINK, "ada@example.org")
    assert unsubscribe.startswith(live_server.url)
    page.goto(unsubscribe)
    expect(page.get_by_role("heading", name="You have unsubscribed")).to_be_visible()
    other.close()


def test_without_javascript_a_guest_sends_twice_and_nothing_is_lost(
    browser, live_server, live_site
):
    """The shared page's form has no CSRF token and no script fills one in: the first send
    comes back with the text kept and a token, the second goes through."""
    article = factories.make_article(title="Bus lanes extended across the city")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.url)
    page.get_by_label("Your comment").fill("Bus lanes save time for everyone.")
    page.get_by_label("Your name").fill("Cy Reader")
    page.get_by_label("Your email address").fill("cy@example.org")
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("alert")).to_contain_text("please send it again")
    kept = page.get_by_role("textbox", name="Your comment")
    expect(kept).to_have_value("Bus lanes save time for everyone.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    run_due_tasks()
    assert [m.to for m in mail.outbox] == [["cy@example.org"]]
    context.close()
