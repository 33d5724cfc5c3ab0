"""Readers post comments: guests confirm by email, signed-in readers do not, replies thread."""

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment
from lxml import html

from tests.comments.helpers import (
    comment_form,
    confirm_link,
    guest_comment,
    path_of,
    post_comment,
    press_button,
)

pytestmark = pytest.mark.django_db


def test_an_item_without_comments_invites_the_first(client, article):
    page = html.fromstring(client.get(article.url).content)
    section = page.get_element_by_id("comments")
    assert "There are no comments. Why not be the first?" in section.text_content()
    assert section.xpath(".//h3[text()='Add your comment']")
    assert section.xpath(".//form[@action='/comments/post/']")


def test_a_guest_comment_waits_for_the_emailed_confirmation(client, article):
    response = post_comment(client, article, "Council tax should fund libraries.")

    assert response.status_code == 302
    assert not XtdComment.objects.exists()
    assert client.get(response["Location"]).status_code == 200
    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert message.subject == "Please confirm your comment"
    assert confirm_link(message).startswith("http://testserver/comments/confirm/")
    assert "Council tax should fund libraries." not in client.get(article.url).content.decode()

    landing = guest_comment(client, article, "ignored")  # a second, separate comment
    assert landing.status_code == 200
    stored = XtdComment.objects.get()
    assert stored.comment == "ignored" and stored.is_public


def test_confirming_from_the_link_publishes_the_comment_on_the_item(client, article):
    response = guest_comment(client, article, "Libraries matter.")

    assert response.redirect_chain[-1][0].startswith(article.url)
    content = response.content.decode()
    assert "Libraries matter." in content
    assert "1 comment" in content
    comment = XtdComment.objects.get()
    assert f'id="c{comment.pk}"' in content


def test_opening_the_link_publishes_nothing_and_confirming_twice_publishes_once(client, article):
    post_comment(client, article, "Only once, please.")
    link = confirm_link(mail.outbox[-1])
    client.get(path_of(link))
    client.get(path_of(link))
    assert not XtdComment.objects.exists()
    press_button(client, link)
    client.post(path_of(link))
    assert XtdComment.objects.count() == 1


def test_signed_in_readers_skip_confirmation(client, article, django_user_model):
    reader = django_user_model.objects.create_user(
        "sam", "sam@example.org", "pw", first_name="Sam", last_name="Smith"
    )
    client.force_login(reader)
    data = comment_form(client, article)
    assert "name" not in data and "email" not in data  # taken from the account

    response = client.post("/comments/post/", {**data, "comment": "Signed in.", "post": ""})

    comment = XtdComment.objects.get()
    assert response["Location"] == f"{article.url}#c{comment.pk}"
    assert (comment.user, comment.user_name, comment.user_email) == (
        reader,
        "Sam Smith",
        "sam@example.org",
    )
    assert comment.is_public and not mail.outbox


def test_replies_thread_two_levels_deep(client, article):
    guest_comment(client, article, "First.")
    top = XtdComment.objects.get()
    guest_comment(client, article, "A reply.", reply_to=top.pk, email="bo@example.org")
    reply = XtdComment.objects.get(comment="A reply.")
    guest_comment(client, article, "A reply to the reply.", reply_to=reply.pk)
    deepest = XtdComment.objects.get(comment="A reply to the reply.")

    assert (reply.parent_id, reply.level, deepest.parent_id, deepest.level) == (
        top.pk,
        1,
        reply.pk,
        2,
    )
    page = html.fromstring(client.get(article.url).content)
    nested = page.xpath(f"//li[@id='c{top.pk}']//li[@id='c{reply.pk}']//li[@id='c{deepest.pk}']")
    assert nested
    assert page.xpath(f"//li[@id='c{reply.pk}']/article//a[@data-reply-to='{reply.pk}']")
    assert not page.xpath(f"//li[@id='c{deepest.pk}']//a[@data-reply-to]")  # as deep as it goes
    assert "3 comments" in page.text_content()


def test_a_reply_deeper_than_the_limit_is_a_form_error(client, article):
    guest_comment(client, article, "First.")
    guest_comment(client, article, "Second.", reply_to=XtdComment.objects.get().pk)
    second = XtdComment.objects.get(comment="Second.")
    guest_comment(client, article, "Third.", reply_to=second.pk)
    third = XtdComment.objects.get(comment="Third.")

    response = post_comment(client, article, "Fourth, too deep.", reply_to=third.pk)

    assert response.status_code == 400
    assert "Replies cannot go any deeper here" in response.content.decode()
    assert "Fourth, too deep." in response.content.decode()
    assert client.get(f"/comments/reply/{third.pk}/").status_code == 403


def test_the_reply_page_works_without_javascript(client, article):
    guest_comment(client, article, "Top comment.")
    top = XtdComment.objects.get()

    response = client.get(f"/comments/reply/{top.pk}/")

    assert response.status_code == 200
    assert "Reply to Ada Reader" in response.content.decode()
    page = html.fromstring(response.content)
    assert page.xpath(f"//form//input[@name='reply_to'][@value='{top.pk}']")


def test_preview_shows_the_comment_and_stores_nothing(client, article):
    response = post_comment(client, article, "Draft thought.", post=None, preview="1")

    assert response.status_code == 200
    page = html.fromstring(response.content)
    assert page.xpath("//h1[text()='Check your comment']")
    assert page.xpath("//textarea[@name='comment']")[0].text.strip() == "Draft thought."
    assert not XtdComment.objects.exists() and not mail.outbox
