"""Cached pages never hide a new comment or share one reader's form with another."""

import pytest
from lxml import html
from wagtail.models import Page

from tests.comments.helpers import guest_comment

pytestmark = pytest.mark.django_db


def test_item_pages_with_a_comment_form_are_shared_without_any_token(client, article, page_cache):
    """One cached copy serves every anonymous reader: it holds no reader's CSRF token and
    sets no cookie; the form's script fetches a token when the reader sends it."""
    first = client.get(article.url)
    assert first["Cache-Control"] == "public, max-age=60"
    assert not first.cookies
    page = html.fromstring(first.content)
    [token] = page.xpath("//form//input[@name='csrfmiddlewaretoken']")
    assert token.get("value") == "" and token.get("data-csrf-token") == "/comments/token/"

    # Served from the cache: a change behind its back does not show.
    Page.objects.filter(pk=article.pk).update(title="Quietly renamed")
    assert b"Council tax rises by five per cent" in client.get(article.url).content

    response = client.get("/comments/token/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert response.json()["token"] and "csrftoken" in response.cookies
    assert client.post("/comments/token/").status_code == 405


def test_signed_in_readers_get_their_token_in_the_page(client, article, editor, page_cache):
    client.force_login(editor)
    response = client.get(article.url)
    [token] = html.fromstring(response.content).xpath("//input[@name='csrfmiddlewaretoken']")
    assert token.get("value")
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_confirmed_comment_shows_at_once_on_cached_pages(client, article, page_cache):
    news = article.get_parent().url
    assert b"1 comment" not in client.get(news).content  # cached, without counts

    response = guest_comment(client, article, "Fresh off the press.")

    assert b"Fresh off the press." in response.content
    assert b"1 comment" in client.get(news).content
