"""Emailed links: Django signing (JSON, salted, timed, rotatable keys) around an opaque id
of a record kept in the database. Following a link acts on nothing (mail scanners follow
links): its page has a button, whose POST (with a CSRF token) acts, once."""

import pytest
from django.core import mail, signing
from django.test import Client
from django_comments_xtd import signed as xtd_signed
from django_comments_xtd.models import XtdComment

from comments.models import PendingComment
from tests.comments.helpers import (
    LINK_BUTTON,
    MUTE_LINK,
    confirm_link,
    form_fields,
    guest_comment,
    link_buttons,
    path_of,
    post_comment,
    press_button,
)

pytestmark = pytest.mark.django_db

TEXT = "A private thought about the budget."
OLD_KEY = "an-old-secret-key-that-was-rotated-out-" + "x" * 20
NEW_KEY = "the-new-secret-key-now-in-use-" + "y" * 20


def key_of(link):
    return path_of(link).rstrip("/").rsplit("/", 1)[1]


def readable(key):
    """Everything a person could read from a signed key: the text and its decoded payload."""
    payload = key.split(":", 1)[0]
    return key + signing.b64_decode(payload.encode()).decode("utf-8", "replace")


def mute_and_confirm_links(client, article):
    """Ada follows the item and gets a follow-up; Bo's comment waits for confirmation."""
    guest_comment(client, article, "Following.", followup="on")
    guest_comment(client, article, "A reply.", email="cy@example.org")
    [followup] = [
        m for m in mail.outbox if m.to == ["ada@example.org"] and MUTE_LINK.search(m.body)
    ]
    post_comment(client, article, TEXT, email="bo@example.org")
    return path_of(MUTE_LINK.search(followup.body).group(0)), path_of(confirm_link(mail.outbox[-1]))


def test_a_confirmation_link_carries_nothing_personal(client, article):
    post_comment(client, article, TEXT, name="Ada Reader", extra={"REMOTE_ADDR": "203.0.113.9"})
    link = confirm_link(mail.outbox[-1])

    seen = readable(key_of(link))
    for secret in ("ada@example.org", "Ada", TEXT, "budget", "203.0.113.9", "articlepage"):
        assert secret not in seen, secret
    pending = PendingComment.objects.get()
    assert pending.comment == TEXT and pending.pk.hex in seen  # only the opaque id


def test_a_mute_link_carries_nothing_personal(client, article):
    mute, _ = mute_and_confirm_links(client, article)
    seen = readable(key_of(mute))
    assert "ada@example.org" not in seen and "Following." not in seen


def test_following_a_confirmation_link_shows_a_button_and_publishes_nothing(client, article):
    post_comment(client, article, TEXT)
    link = path_of(confirm_link(mail.outbox[-1]))

    for method in (client.get, client.head):
        response = method(link)
        assert response.status_code == 200
    page = client.get(link)

    [button] = link_buttons(page)
    assert button == "Confirm my comment"
    assert TEXT in page.content.decode()
    assert "csrfmiddlewaretoken" in form_fields(page.content, LINK_BUTTON)
    assert page["Referrer-Policy"] == "same-origin" and "no-store" in page["Cache-Control"]
    assert not XtdComment.objects.exists() and PendingComment.objects.count() == 1


def test_pressing_confirm_publishes_once_and_again_says_it_is_confirmed(client, article):
    post_comment(client, article, TEXT)
    link = path_of(confirm_link(mail.outbox[-1]))

    assert press_button(client, link).status_code == 302
    again = client.post(link)
    opened_again = client.get(link)

    assert again.status_code == opened_again.status_code == 410
    assert "This comment has already been confirmed" in again.content.decode()
    assert "This comment has already been confirmed" in opened_again.content.decode()
    assert XtdComment.objects.count() == 1 and not PendingComment.objects.exists()


def test_confirming_needs_the_pages_csrf_token(client, article):
    post_comment(client, article, TEXT)
    link = path_of(confirm_link(mail.outbox[-1]))
    reader = Client(enforce_csrf_checks=True)  # the mail program opens another browser

    forged = reader.post(link)
    assert forged.status_code == 403
    assert PendingComment.objects.count() == 1 and not XtdComment.objects.exists()

    assert press_button(reader, link).status_code == 302
    assert XtdComment.objects.get().comment == TEXT


def test_an_expired_link_gives_the_text_back_and_is_then_used_up(client, article, monkeypatch):
    import time

    post_comment(client, article, TEXT)
    link = path_of(confirm_link(mail.outbox[-1]))
    later = time.time() + 8 * 24 * 60 * 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    opened = client.get(link)
    assert opened.status_code == 410
    assert "This link has expired" in opened.content.decode() and TEXT in opened.content.decode()
    assert not link_buttons(opened)
    assert PendingComment.objects.count() == 1  # opening it changed nothing

    pressed = client.post(link)

    assert pressed.status_code == 410
    assert "This link has expired" in pressed.content.decode()
    assert TEXT in pressed.content.decode()
    assert not XtdComment.objects.exists() and not PendingComment.objects.exists()
    assert "This link has expired" in client.get(link).content.decode()
    assert client.post(link).status_code == 410


def test_following_a_mute_link_shows_a_button_and_pressing_it_mutes(client, article):
    mute, _ = mute_and_confirm_links(client, article)

    page = client.get(mute)
    assert page.status_code == 200 and link_buttons(page) == ["Unsubscribe"]
    assert XtdComment.objects.get(comment="Following.").followup  # nothing changed yet

    pressed = press_button(client, mute)

    assert "You have unsubscribed" in pressed.content.decode()
    assert not XtdComment.objects.get(comment="Following.").followup
    assert "You had already unsubscribed" in client.get(mute).content.decode()
    assert "You had already unsubscribed" in client.post(mute).content.decode()


def test_links_signed_with_a_key_in_the_fallbacks_still_work(client, article, settings):
    settings.SECRET_KEY = OLD_KEY
    mute, link = mute_and_confirm_links(client, article)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]

    assert press_button(client, link).status_code == 302
    assert XtdComment.objects.filter(comment=TEXT).exists()
    assert "You have unsubscribed" in press_button(client, mute).content.decode()


def test_links_signed_with_an_unknown_key_do_not_work(client, article, settings):
    settings.SECRET_KEY = OLD_KEY
    mute, link = mute_and_confirm_links(client, article)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []

    for url in (link, mute):
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 400, url
            assert "This link does not work" in response.content.decode()
    assert PendingComment.objects.count() == 1  # still there for the right key
    assert XtdComment.objects.get(comment="Following.").followup


def test_tampered_foreign_and_old_style_links_do_not_work(client, article):
    mute, link = mute_and_confirm_links(client, article)
    mute_key, confirm_key = key_of(mute), key_of(link)
    old_style = xtd_signed.dumps({"user_email": "ada@example.org"}, extra_key=b"x").decode()
    by_hand = signing.TimestampSigner().sign_object({"p": PendingComment.objects.get().pk.hex})

    for url in (
        f"/comments/confirm/{confirm_key[:-2]}xx/",
        f"/comments/confirm/{mute_key}/",  # a mute key is not a confirmation key
        f"/comments/mute/{confirm_key}/",
        f"/comments/confirm/{old_style}/",
        f"/comments/mute/{old_style}/",
        f"/comments/confirm/{by_hand}/",  # signed, but without our salt
    ):
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 400, url
            assert "This link does not work" in response.content.decode()
    assert PendingComment.objects.count() == 1
