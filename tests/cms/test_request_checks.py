"""Malformed requests are a 400 before any view sees them (cms/http.py), and the site's own
error pages show no stack trace and no settings."""

import pytest
from django.test import RequestFactory
from django.urls import get_resolver

from cms import errors
from tests import factories

pytestmark = pytest.mark.django_db

FEED = "/feeds/rss/"


@pytest.fixture
def article(news_section):
    return factories.make_article(title="Council budget")


@pytest.mark.parametrize(
    "url",
    [
        "/news/%00/",
        "/news/a%0Bb/",
        "/api/v2/pages/?title=%00",
        "/api/v2/pages/?title=%ED%A0%80",  # an encoded surrogate: not UTF-8 either
        "/search/?q=%FF",
        "/search/?q=a%0Cb",
        "/topics/?utm_source=" + "x" * 40_000,
    ],
)
def test_nul_invalid_utf8_control_characters_and_huge_addresses_are_400(client, article, url):
    response = client.get(url)
    assert response.status_code == 400
    assert b"We could not understand that request" in response.content


def test_a_path_that_is_not_utf8_is_404(client, article):
    assert client.get("/news/%FF/").status_code == 404


@pytest.mark.parametrize(
    "header", ["HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_USER_AGENT", "HTTP_COOKIE"]
)
def test_control_characters_in_headers_are_400(client, article, header):
    assert client.get(FEED, **{header: '"abc\x0b"'}).status_code == 400
    assert client.get(FEED, **{header: "a\x00b"}).status_code == 400


def test_nul_in_a_form_is_400_however_it_is_sent(client, article):
    data = {"content_type": "news.articlepage\x00", "object_pk": str(article.pk)}
    assert client.post("/comments/post/", data).status_code == 400  # multipart
    body = f"content_type=news.articlepage%00&object_pk={article.pk}"
    response = client.post(
        "/comments/post/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    invalid = "comment=%FF%FE"
    response = client.post(
        "/comments/post/", invalid, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_clean_requests_and_ordinary_text_pass(client, article):
    assert client.get(article.url, HTTP_IF_NONE_MATCH='"abc"').status_code == 200
    assert client.get("/search/?q=caf%C3%A9+%F0%9F%98%80&topic=").status_code == 200
    # A vertical tab typed into a comment is the form's business, not a refusal.
    body = f"content_type=news.articlepage&object_pk={article.pk}&comment=a%0Bb"
    response = client.post(
        "/comments/post/", body, content_type="application/x-www-form-urlencoded"
    )
    assert b"We could not understand that request" not in response.content


def test_the_400_page_says_what_was_wrong(client, news_section):
    response = client.get("/news/?page=%C2%B2")
    assert response.status_code == 400
    assert b"The page must be a whole number from 1 to 100000." in response.content
    assert b'href="/static/css/site.css"' in response.content


def test_error_pages_show_no_stack_trace_or_settings(settings):
    request = RequestFactory().get("/")
    settings.SECRET_KEY = "do-not-show-this-secret"
    responses = {
        400: errors.bad_request(request, ValueError("internal detail")),
        403: errors.permission_denied(request, PermissionError("internal detail")),
        500: errors.server_error(request),
    }
    for status, response in responses.items():
        assert response.status_code == status
        text = response.content.decode()
        assert '<link rel="stylesheet" href="/static/css/site.css">' in text
        assert 'href="/search/"' in text
        for leak in ("Traceback", "internal detail", "do-not-show-this-secret", "SECRET_KEY"):
            assert leak not in text


def test_the_site_uses_its_own_error_handlers():
    resolver = get_resolver()
    assert resolver.resolve_error_handler(400) is errors.bad_request
    assert resolver.resolve_error_handler(403) is errors.permission_denied
    assert resolver.resolve_error_handler(500) is errors.server_error


def test_the_404_page_links_through_url_names(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b'<a href="/">Go to the home page</a>' in response.content
    assert b'<a href="/search/">search the site</a>' in response.content


def test_error_pages_pass_the_nu_html_checker(client, site, tmp_path):
    from tests.test_markup import described, vnu_errors

    request = RequestFactory().get("/")
    pages = {
        "400": errors.bad_request(request, None).content,
        "403": errors.permission_denied(request, None).content,
        "500": errors.server_error(request).content,
        "404": client.get("/no-such-page/").content,
    }
    for name, content in pages.items():
        (tmp_path / f"{name}.html").write_bytes(content)
    found = vnu_errors(sorted(tmp_path.glob("*.html")))
    assert found == {}, described(found)


def test_an_overlong_username_is_a_failed_sign_in_not_a_500(client, site):
    from axes.models import AccessAttempt

    # Wagtail's sign-in for private pages; axes stored the name whole (PostgreSQL: a 500).
    response = client.post("/_util/login/", {"username": "x" * 5000, "password": "wrong"})
    assert response.status_code == 200  # the form again, with its error
    assert [len(a.username) for a in AccessAttempt.objects.all()] == [255]
