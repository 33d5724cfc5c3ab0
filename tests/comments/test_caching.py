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


def test_readers_not_signed_in_share_one_section_until_a_comment_changes(client, article):
    """The thread and form are rendered once for every reader who is not signed in (the
    page cache is off here), and a published or removed comment shows at once."""
    from django_comments_xtd.models import XtdComment

    from tests import factories

    shown = factories.make_comment(article, "First thoughts.", is_public=True)
    assert b"First thoughts." in client.get(article.url).content
    # Changed behind the change pipeline's back: the shared copy is what readers get.
    XtdComment.objects.filter(pk=shown.pk).update(comment="Edited in the database")
    assert b"First thoughts." in client.get(article.url).content

    factories.make_comment(article, "Second thoughts.", is_public=True)
    page = client.get(article.url).content
    assert b"Second thoughts." in page and b"2 comments" in page
    assert b"Edited in the database" in page  # the thread was read afresh

    shown.is_removed = True
    shown.save()
    page = client.get(article.url).content
    assert b"Edited in the database" not in page and b"1 comment<" in page


def test_signed_in_and_other_readers_never_get_each_others_section(client, article, editor):
    def form(response):
        page = html.fromstring(response.content)
        [token] = page.xpath("//form//input[@name='csrfmiddlewaretoken']")
        return token.get("value"), "You are signed in" in response.content.decode()

    assert form(client.get(article.url)) == ("", False)  # the shared copy is now cached
    client.force_login(editor)
    token, signed_in = form(client.get(article.url))
    assert token and signed_in
    client.logout()
    assert form(client.get(article.url)) == ("", False)
