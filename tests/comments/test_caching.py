"""Cached pages never hide a new comment or share one reader's form with another."""

import pytest

from tests.comments.helpers import guest_comment

pytestmark = pytest.mark.django_db


def test_pages_with_a_comment_form_are_private(client, article, page_cache):
    response = client.get(article.url)
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    again = client.get(article.url)  # now with the CSRF cookie
    assert "private" in again["Cache-Control"]


def test_a_confirmed_comment_shows_at_once_on_cached_pages(client, article, page_cache):
    news = article.get_parent().url
    assert b"1 comment" not in client.get(news).content  # cached, without counts

    response = guest_comment(client, article, "Fresh off the press.")

    assert b"Fresh off the press." in response.content
    assert b"1 comment" in client.get(news).content
