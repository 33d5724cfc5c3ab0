"""Bad input never ends in a 500 or a lost comment: the reader gets their text and a reason."""

import time

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment
from lxml import html

from tests.comments.helpers import CommitClient, comment_form, form_fields, post_comment

pytestmark = pytest.mark.django_db

TEXT = "My carefully written point about the budget."


def kept_text(response):
    """The comment text in the form the reader gets back."""
    [textarea] = html.fromstring(response.content).xpath("//textarea")
    return textarea.text.strip() if textarea.text else ""


def summary(response):
    return html.fromstring(response.content).xpath("//*[@role='alert']")[0].text_content()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Enter your name"),
        ({"name": "N" * 51}, "Ensure this value has at most 50 characters"),
        ({"email": ""}, "Enter your email address"),
        ({"email": "not-an-address"}, "Enter an email address in the correct format"),
        ({"reply_to": "abc"}, "Enter a whole number"),
        ({"reply_to": "999999"}, "no longer published"),
        ({"reply_to": "99999999999999999999999"}, "no longer published"),
    ],
)
def test_field_errors_come_back_with_the_text(client, article, fields, message):
    response = post_comment(client, article, TEXT, **fields)

    assert response.status_code == 400
    assert message in summary(response)
    assert kept_text(response).startswith(TEXT)
    assert not XtdComment.objects.exists() and not mail.outbox


def test_an_empty_comment_is_refused_with_a_message(client, article):
    response = post_comment(client, article, "   ")
    assert response.status_code == 400
    assert "Enter your comment" in summary(response)


def test_a_comment_over_the_length_limit_is_refused_whole(client, article, settings):
    settings.COMMENT_MAX_LENGTH = 40
    long_text = "x" * 41

    response = post_comment(client, article, long_text)

    assert response.status_code == 400
    assert "Shorten it to 40 characters or fewer" in summary(response)
    assert kept_text(response) == long_text


def test_a_form_left_open_too_long_is_offered_again(client, article):
    data = comment_form(client, article)
    stale = int(time.time()) - 3 * 60 * 60
    data.update(timestamp=str(stale), name="Ada", email="ada@example.org", comment=TEXT)

    response = client.post("/comments/post/", data)

    assert response.status_code == 400
    assert "open for a long time" in summary(response)
    assert kept_text(response) == TEXT
    fresh = html.fromstring(response.content).xpath("//input[@name='timestamp']")[0]
    assert int(fresh.value) > stale


def test_a_tampered_security_hash_is_refused_with_the_text_kept(client, article):
    response = post_comment(client, article, TEXT, security_hash="0" * 40)
    assert response.status_code == 400
    assert kept_text(response) == TEXT
    assert not XtdComment.objects.exists()


def test_the_honeypot_field_stops_the_post(client, article):
    response = post_comment(client, article, TEXT, honeypot="http://spam.example")

    assert response.status_code == 400
    assert "leave this field empty" in summary(response).lower()
    assert kept_text(response) == TEXT
    assert not mail.outbox


def test_the_honeypot_is_hidden_from_people(client, article):
    page = html.fromstring(client.get(article.url).content)
    [trap] = page.xpath("//input[@name='honeypot']")
    assert trap.get("tabindex") == "-1"
    assert trap.getparent().get("aria-hidden") == "true"


def test_csrf_is_enforced_and_the_text_survives_to_be_sent_again(article):
    """What a reader without JavaScript goes through: the shared page's form has no token,
    so the first send comes back with the text and a token, and the second goes through."""
    browser = CommitClient(enforce_csrf_checks=True)
    data = comment_form(browser, article)
    assert data["csrfmiddlewaretoken"] == ""
    data.update(name="Ada", email="ada@example.org", comment=TEXT, post="")

    response = browser.post("/comments/post/", data)

    assert response.status_code == 403
    assert "session had expired" in summary(response)
    assert kept_text(response) == TEXT
    assert not XtdComment.objects.exists() and not mail.outbox

    again = form_fields(response.content)
    assert again["csrfmiddlewaretoken"] and again["name"] == "Ada"
    assert browser.post("/comments/post/", {**again, "post": ""}).status_code == 302
    assert len(mail.outbox) == 1


def test_csrf_with_the_token_the_script_fetches_passes(article):
    browser = CommitClient(enforce_csrf_checks=True)
    data = comment_form(browser, article)
    data["csrfmiddlewaretoken"] = browser.get("/comments/token/").json()["token"]
    data.update(name="Ada", email="ada@example.org", comment=TEXT)
    assert browser.post("/comments/post/", data).status_code == 302
    assert len(mail.outbox) == 1


def test_a_forged_token_is_refused(article):
    browser = CommitClient(enforce_csrf_checks=True)
    browser.get("/comments/token/")  # the reader has a cookie; the attacker has not seen it
    data = comment_form(browser, article)
    data.update(name="Ada", email="ada@example.org", comment=TEXT, csrfmiddlewaretoken="x" * 64)
    assert browser.post("/comments/post/", data).status_code == 403
    assert not mail.outbox


BAD_TARGETS = [
    {},
    {"content_type": "news.articlepage"},
    {"content_type": "auth.user", "object_pk": "1"},
    {"content_type": "nonsense", "object_pk": "1"},
    {"content_type": "no.such", "object_pk": "1"},
    {"content_type": "news.articlepage", "object_pk": "abc"},
    {"content_type": "news.articlepage", "object_pk": "99999999999999999999999"},
    {"content_type": "news.articlepage", "object_pk": "-1"},
    {"content_type": "news.articlepage", "object_pk": "²"},
]


def test_posts_about_no_commentable_item_are_a_clear_400(client, article):
    for target in BAD_TARGETS:
        response = client.post("/comments/post/", {"comment": TEXT, **target})
        assert response.status_code == 400, target
        assert "Comments are not available" in response.content.decode()


def test_posts_about_a_draft_are_refused(client, news_section):
    from tests.factories import make_article

    draft = make_article(title="Not yet", publish=False)
    response = client.post(
        "/comments/post/", {"content_type": "news.articlepage", "object_pk": draft.pk}
    )
    assert response.status_code == 400


def test_get_on_the_post_address_is_not_allowed(client):
    assert client.get("/comments/post/").status_code == 405


BAD_ADDRESSES = [
    "/comments/reply/999/",
    "/comments/report/999/",
    "/comments/reply/99999999999999999999/",
    "/comments/report/99999999999999999999/",
    "/comments/reply/²/",
    "/comments/sent/?c=99999999999999999999",
    "/comments/cr/999/1/",
    "/comments/sent/",
    "/comments/sent/?c=garbage",
]


def test_other_bad_addresses_are_4xx(client, db):
    for url in BAD_ADDRESSES:
        assert 400 <= client.get(url).status_code < 500, url


def test_broken_emailed_links_say_so(client, db):
    for url in ("/comments/confirm/nonsense/", "/comments/mute/nonsense.x/"):
        response = client.get(url)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
