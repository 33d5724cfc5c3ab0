"""The site's rules: pre-moderation, blocklist, link limit, closing, rate limits, notices."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from comments.models import ModerationEvent
from tests.comments.helpers import (
    comment_form,
    confirm_latest,
    filled_in,
    guest_comment,
    post_comment,
)

pytestmark = pytest.mark.django_db


def held_note(comment):
    return ModerationEvent.objects.get(comment=comment, action=ModerationEvent.HELD).note


def test_post_moderation_publishes_at_once(client, article):
    guest_comment(client, article, "Published straight away.")
    comment = XtdComment.objects.get()
    assert comment.is_public
    assert not ModerationEvent.objects.exists()


def test_pre_moderation_holds_every_comment(client, article, comment_settings):
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()

    response = guest_comment(client, article, "Please review me.")

    assert "A moderator will review it" in response.content.decode()
    comment = XtdComment.objects.get()
    assert not comment.is_public
    assert held_note(comment) == "Pre-moderation is on"
    assert "Please review me." not in client.get(article.url).content.decode()


def test_blocked_words_send_a_comment_to_the_queue(client, article, comment_settings):
    comment_settings.blocked_words = "scoundrel\nutter rubbish, Idiot"
    comment_settings.save()

    guest_comment(client, article, "This is UTTER rubbish from a scoundrel.")
    guest_comment(client, article, "Idiotic is not a blocked word.", email="b@example.org")

    held, fine = XtdComment.objects.order_by("pk")
    assert not held.is_public and fine.is_public
    assert held_note(held) == "Contains blocked words: scoundrel, utter rubbish"


def test_a_blocked_word_in_the_name_counts_too(client, article, comment_settings):
    comment_settings.blocked_words = "casino"
    comment_settings.save()
    guest_comment(client, article, "Nice article.", name="Best Casino Deals")
    assert not XtdComment.objects.get().is_public


def test_too_many_links_send_a_comment_to_the_queue(client, article, comment_settings):
    comment_settings.max_links = 1
    comment_settings.save()

    guest_comment(client, article, "See https://a.example and www.b.example for more.")
    guest_comment(client, article, "Only https://one.example here.", email="c@example.org")

    held, fine = XtdComment.objects.order_by("pk")
    assert not held.is_public and fine.is_public
    assert held_note(held) == "Contains 2 links (the limit is 1)"


def test_moderators_are_emailed_about_held_comments(client, article, comment_settings):
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.notify_moderators = True
    comment_settings.moderator_email = "moderators@newsroom.example"
    comment_settings.save()

    guest_comment(client, article, "Hold me.")

    notice = mail.outbox[-1]
    comment = XtdComment.objects.get()
    assert notice.to == ["moderators@newsroom.example"]
    assert "Council tax rises by five per cent" in notice.subject
    assert f"http://testserver/admin/reader-comments/{comment.pk}/" in notice.body
    assert "ada@example.org" not in notice.body


def test_no_moderator_email_when_the_setting_is_off(client, article, comment_settings):
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.moderator_email = "moderators@newsroom.example"
    comment_settings.save()
    guest_comment(client, article, "Hold me quietly.")
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]


def test_the_setting_needs_an_address_to_notify(comment_settings):
    from django.core.exceptions import ValidationError

    comment_settings.notify_moderators = True
    with pytest.raises(ValidationError):
        comment_settings.full_clean()


def test_comments_closed_on_the_item_are_refused_with_the_text(client, article):
    form = comment_form(client, article)  # the reader opened the page before it closed
    type(article).objects.filter(pk=article.pk).update(comments_open=False)

    page = client.get(article.url).content.decode()
    assert "Comments are closed on this item." in page
    assert "Add your comment" not in page

    response = client.post("/comments/post/", filled_in(form, "Too late?"))
    assert response.status_code == 403
    assert "Too late?" in response.content.decode()
    assert not XtdComment.objects.exists() and not mail.outbox


def test_comments_close_automatically_after_n_days(client, article, comment_settings):
    comment_settings.close_after_days = 14
    comment_settings.save()
    form = comment_form(client, article)
    Page.objects.filter(pk=article.pk).update(first_published_at=timezone.now() - timedelta(15))

    assert "Comments closed 14 days" in client.get(article.url).content.decode()
    response = client.post("/comments/post/", filled_in(form, "Two weeks on."))

    assert response.status_code == 403
    assert "Comments closed 14 days after this item was published." in response.content.decode()


def test_a_comment_confirmed_after_closing_is_not_published_but_shown(client, article):
    post_comment(client, article, "Written while open.")
    type(article).objects.filter(pk=article.pk).update(comments_open=False)

    response = confirm_latest(client)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Comments are closed on this item." in content
    assert "Written while open." in content
    assert not XtdComment.objects.exists()


def test_rules_are_applied_again_when_a_guest_confirms(client, article, comment_settings):
    post_comment(client, article, "Posted under post-moderation.")
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()

    confirm_latest(client)

    assert not XtdComment.objects.get().is_public


def test_a_reply_confirmed_after_its_parent_went_is_not_published(client, article):
    guest_comment(client, article, "Parent.")
    parent = XtdComment.objects.get()
    post_comment(client, article, "Reply.", reply_to=parent.pk, email="r@example.org")
    parent.is_removed = True
    parent.save()

    response = confirm_latest(client)

    assert "The comment you replied to is no longer published." in response.content.decode()
    assert XtdComment.objects.count() == 1


def test_signed_in_double_posts_are_stored_once(client, article, django_user_model):
    client.force_login(django_user_model.objects.create_user("sam", "sam@example.org", "pw"))
    post_comment(client, article, "Clicked twice.")
    post_comment(client, article, "Clicked twice.")
    assert XtdComment.objects.count() == 1


def test_rate_limit_per_ip(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = 2
    for number in range(2):
        assert (
            post_comment(client, article, f"Point {number}", email=f"{number}@ex.org").status_code
            == 302
        )

    response = post_comment(client, article, "One too many.", email="new@example.org")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Please wait a while" in response.content.decode()
    assert "One too many." in response.content.decode()
    assert len(mail.outbox) == 2


def test_rate_limit_per_email_ignores_case(client, article, settings):
    settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 1
    post_comment(client, article, "First.", email="Ada@Example.org")

    response = post_comment(
        client, article, "Second.", email="ada@example.org", extra={"REMOTE_ADDR": "10.0.0.9"}
    )

    assert response.status_code == 429


def test_rate_limit_window_passes(client, article, settings):
    from comments.models import PostingAttempt

    settings.COMMENTS_RATE_LIMIT_PER_IP = 1
    post_comment(client, article, "First.")
    PostingAttempt.objects.update(created=timezone.now() - timedelta(minutes=61))
    assert post_comment(client, article, "Later.", email="x@example.org").status_code == 302


def test_moderators_are_not_rate_limited_or_held(
    client, article, editor, settings, comment_settings
):
    settings.COMMENTS_RATE_LIMIT_PER_IP = 1
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()
    client.force_login(editor)
    post_comment(client, article, "From the desk.")
    post_comment(client, article, "And again.")
    assert list(XtdComment.objects.values_list("is_public", flat=True)) == [True, True]


def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(client, article, settings):
    settings.COMMENTS_TRUSTED_PROXIES = 1
    settings.COMMENTS_RATE_LIMIT_PER_IP = 1
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}

    first = {**via_proxy, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.5"}
    assert post_comment(client, article, "One.", extra=first).status_code == 302
    spoofed = {**via_proxy, "HTTP_X_FORWARDED_FOR": "7.7.7.7, 203.0.113.5"}
    again = post_comment(client, article, "Two.", email="x@example.org", extra=spoofed)
    other = {**via_proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    reader = post_comment(client, article, "Three.", email="y@example.org", extra=other)

    assert (again.status_code, reader.status_code) == (429, 302)
    confirm_latest(client)
    assert XtdComment.objects.get().ip_address == "198.51.100.7"
