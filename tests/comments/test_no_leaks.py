"""Nothing private leaks: no commenter's email or IP address (nor a hash of the email, as
Gravatar would use) in any public response, and every comment URL is ours."""

import hashlib
from pathlib import Path

import django_comments
import django_comments_xtd
import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction

from comments import links
from tests.comments.helpers import MUTE_LINK, confirm_link, guest_comment, post_comment

pytestmark = pytest.mark.django_db

EMAIL = "Known.Reader@example.org"
IP = "203.0.113.77"
AS_KNOWN = {"REMOTE_ADDR": IP}
AS_SOMEONE_ELSE = {"REMOTE_ADDR": "198.51.100.1"}
SCRIPT_HEADERS = [
    {},
    {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"},
    {"HTTP_ACCEPT": "application/json"},
    {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest", "HTTP_ACCEPT": "application/json"},
]
PACKAGES = [Path(package.__file__).parent for package in (django_comments, django_comments_xtd)]


def secrets():
    """The email and IP address as text, and the digests a Gravatar link would use."""
    found = {EMAIL, EMAIL.lower(), IP}
    for digest in (hashlib.md5, hashlib.sha1, hashlib.sha256):
        for email in (EMAIL, EMAIL.lower()):
            found.add(digest(email.encode()).hexdigest())
    return found


def assert_private(response, url):
    """Neither the address nor the IP anywhere in the response's bytes, headers included;
    rendered only by our templates."""
    raw = response.serialize().lower()
    for secret in secrets():
        assert secret.lower().encode() not in raw, (url, secret)
    assert b"gravatar" not in raw, url
    for template in response.templates:
        origin = Path(template.origin.name or "")
        if any(origin.is_relative_to(package) for package in PACKAGES):
            pytest.fail(f"{url} rendered a packaged comments template: {origin}")


@pytest.fixture
def conversation(client, article, comment_settings, django_user_model):
    """From the known address and IP: a published comment (following the item), a held
    one, and one waiting for confirmation; a signed-in reader with that address too."""
    guest_comment(
        client, article, "Known reader's point.", email=EMAIL, followup="on", extra=AS_KNOWN
    )
    published = XtdComment.objects.get()
    guest_comment(client, article, "A reply.", email="bo@example.org", reply_to=published.pk)
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()
    held_response = post_comment(
        client, article, "Known reader, held.", email=EMAIL, extra=AS_KNOWN
    )
    held_confirm = confirm_link(mail.outbox[-1]).split("testserver", 1)[1]
    post_comment(client, article, "Never confirmed.", email=EMAIL, extra=AS_KNOWN)
    pending_confirm = confirm_link(mail.outbox[-1]).split("testserver", 1)[1]
    [followup] = [m for m in mail.outbox if m.to == [EMAIL] and MUTE_LINK.search(m.body)]
    member = django_user_model.objects.create_user("kim", EMAIL.lower(), "pw")
    client.force_login(member)
    member_held = post_comment(client, article, "Signed in and held.", extra=AS_KNOWN)
    client.logout()
    return {
        "published": published,
        "guest_sent": held_response["Location"],
        "held_sent": member_held["Location"],
        "held_confirm": held_confirm,
        "pending_confirm": pending_confirm,
        "mute": MUTE_LINK.search(followup.body).group(0).split("testserver", 1)[1],
    }


def public_urls(article, news_section, conversation):
    published = conversation["published"]
    held = XtdComment.objects.get(comment="Signed in and held.")
    urls = [
        article.url,
        "/",
        news_section.url,
        news_section.url + "feed/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/api/v2/pages/?type=news.ArticlePage&fields=*",
        f"/api/v2/pages/{article.pk}/",
        "/comments/token/",
        f"/comments/reply/{published.pk}/",
        f"/comments/report/{published.pk}/",
        f"/comments/cr/{published.content_type_id}/{article.pk}/",
        conversation["held_sent"],
        conversation["guest_sent"],
        links.sent_path(comment=published),
        links.sent_path(comment=held),
        links.sent_path(item=article),
        f"/comments/sent/?c={held.pk}",
        f"/comments/sent/?c={published.pk}",
    ]
    return urls


def test_no_public_response_holds_the_address_or_ip(client, article, news_section, conversation):
    for url in public_urls(article, news_section, conversation):
        for headers in SCRIPT_HEADERS:
            response = client.get(url, **headers, **AS_SOMEONE_ELSE)
            assert response.status_code < 500, url
            assert_private(response, url)
            if response.status_code in (301, 302):
                assert_private(client.get(response["Location"], **headers), url)
    page = client.get(article.url).content.decode()
    assert "Known reader&#x27;s point." in page  # the comment itself is public


def test_no_comment_action_answers_with_the_address(client, article, conversation):
    published = conversation["published"]
    responses = {
        "report": client.post(
            f"/comments/report/{published.pk}/", {"reason": "spam"}, **AS_SOMEONE_ELSE
        ),
        "open confirm": client.get(conversation["held_confirm"]),
        "confirm": client.post(conversation["held_confirm"], follow=True),
        "confirm again": client.post(conversation["held_confirm"]),
        "confirm pending": client.post(conversation["pending_confirm"], follow=True),
        "open mute": client.get(conversation["mute"]),
        "mute": client.post(conversation["mute"]),
        "mute again": client.post(conversation["mute"]),
    }
    reply = post_comment(
        client, article, "Replying.", email="cy@example.org", reply_to=published.pk, preview="1"
    )
    responses["preview of a reply"] = reply
    for name, response in responses.items():
        assert response.status_code < 500, name
        assert_private(response, name)


def test_the_sent_page_ignores_script_headers_and_names_no_private_item(
    client, article, conversation
):
    held_sent = conversation["held_sent"]
    for headers in SCRIPT_HEADERS:
        response = client.get(held_sent, **headers)
        assert response.status_code == 200
        assert "A moderator will review it" in response.content.decode()
        assert article.title in response.content.decode()

    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    for url in (held_sent, conversation["guest_sent"]):
        for headers in SCRIPT_HEADERS:
            response = client.get(url, **headers)
            assert response.status_code == 200, url
            assert article.title not in response.content.decode(), url

    PageViewRestriction.objects.all().delete()
    article.unpublish()
    for headers in SCRIPT_HEADERS:
        assert article.title not in client.get(held_sent, **headers).content.decode()


def test_sent_pages_are_only_reached_through_our_signed_values(client, article, conversation):
    published = conversation["published"]
    for value in (str(published.pk), links.sent_path(item=article).split("c=")[1] + "x", ""):
        response = client.get("/comments/sent/", {"c": value})
        assert response.status_code == 400, value
        assert "This link does not work" in response.content.decode()


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_url_is_served_by_a_packaged_comments_view():
    served = list(_patterns(get_resolver()))
    packaged = [
        (route, callback.__module__)
        for route, callback in served
        if callback.__module__.startswith(("django_comments", "django_comments_xtd"))
    ]
    assert not packaged
    comment_routes = {route for route, callback in served if route.startswith("comments/")}
    assert comment_routes and all(
        callback.__module__ == "comments.views"
        for route, callback in served
        if route in comment_routes
    )
