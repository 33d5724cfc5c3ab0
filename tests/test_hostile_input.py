"""Hostile input on every public URL: a 4xx or a normal answer, never a 5xx, never markup
reflected unescaped. Runs on SQLite and (in the PostgreSQL pass) on PostgreSQL, where a NUL
byte reaching the database raises.

The URLs come from the URLconf and the page tree: a new URL pattern or page type that has
no sample here fails test_every_public_url_pattern_is_swept until one is added.
"""

from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver
from django_comments_xtd.models import XtdComment
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    get_page_models,
)

from demo.integrity import make_statement
from search.models import FocusIndexPage, FocusPage
from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><svg onload=alert(1)>'
MARKUP = (SCRIPT, ATTRIBUTE)

# Already percent-encoded, so invalid UTF-8 and raw NULs reach the server as sent.
HOSTILE = [
    "",
    "%00",
    "a%00b",
    "%C2%B2",  # "²": str.isdigit() is true, int() raises
    "%E2%91%A0",  # "①"
    "%D9%A3",  # an Arabic-Indic three, which int() accepts
    "99999999999999999999",
    "1.5",
    "%FF%FE",  # not UTF-8
    "%0B",
    "%0D%0ASet-Cookie:%20x=1",
    "%",
    "..%2F..%2Fetc%2Fpasswd",
    quote(SCRIPT),
    quote(ATTRIBUTE),
    "%F0%9F%98%80",
    "x" * 5000,
]
# Path segments are tried with fewer values: most answers there are a plain 404.
HOSTILE_SEGMENTS = ["%00", "%C2%B2", "99999999999999999999", "%FF", "%0B", quote(SCRIPT)]

# Header values: clean-looking junk reaches the views (sent all at once); control
# characters must be refused whichever header carries them.
HOSTILE_HEADER_VALUES = [
    SCRIPT,
    '"abc", W/"", *, garbage',
    "Thu, 99 Foo 99999 99:99:99 GMT",
    "x" * 5000,
    "\x0bvertical-tab",
    "a\x00b",
]
HEADERS = [
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_X_REQUESTED_WITH",
    "HTTP_REFERER",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_COOKIE",
]

# The query parameters each URL reads; every URL also gets one it does not read.
COMMON = ["page"]
API_PARAMETERS = [
    "offset",
    "limit",
    "type",
    "topic",
    "author",
    "fields",
    "order",
    "search",
    "search_operator",
    "title",
    "child_of",
    "descendant_of",
    "id",
]
SEARCH_PARAMETERS = ["q", "topic", "type", "date", "from", "to", "sort", "page"]
UNREAD = "utm_source"
UNREAD_VALUES = ["%00", "%FF", quote(SCRIPT), "x" * 5000]


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/"):  # signed-in editors only
            continue
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, route)
        else:
            yield pattern.name, route


def public_url_names():
    return {name for name, _route in _patterns(get_resolver().url_patterns)}


@pytest.fixture
def world(sections):
    """One of everything a public URL can show."""
    topic = factories.make_topic("Finance")
    image = factories.make_image("Chamber")
    author = factories.make_author("Helen Carter")
    article = factories.make_article(
        parent=sections["news"], title="Council budget", topics=[topic], authors=[author]
    )
    column = factories.make_column(parent=sections["opinion"], title="A column", topics=[topic])
    video = factories.make_video(parent=sections["tv"], title="A video", topics=[topic])
    home = factories.home_page()
    focus_index = FocusIndexPage(title="Public sector focus", slug="focus")
    home.add_child(instance=focus_index)
    focus_index.save_revision().publish()
    focus = FocusPage(title="Finance focus", slug="finance", topic=topic)
    focus_index.add_child(instance=focus)
    focus.save_revision().publish()
    make_statement(home)
    live = factories.make_live_page(parent=sections["news"], title="Budget live")
    factories.make_live_entry(live, "The statement begins", is_key_event=True)
    private = factories.make_article(parent=sections["news"], title="Private story")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    private_documents = Collection.get_first_root_node().add_child(name="Private")
    document_restriction = CollectionViewRestriction.objects.create(
        collection=private_documents, restriction_type=BaseViewRestriction.PASSWORD, password="pw"
    )
    comment = XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(article),
        object_pk=str(article.pk),
        site_id=1,
        user_name="Ada Reader",
        user_email="ada@example.org",
        comment="A published comment.",
        is_public=True,
    )
    document = get_document_model().objects.create(
        title="Report",
        file=ContentFile(b"%PDF-1.4", name="report.pdf"),
        collection=private_documents,
    )
    return SimpleNamespace(
        sections=sections,
        topic=topic,
        author=author,
        article=article,
        comment=comment,
        restriction=restriction,
        document_restriction=document_restriction,
        private=private,
        document=document,
        image=image,
        pages=list(Page.objects.live().specific().exclude(depth=1)),
        focus=focus,
        column=column,
        video=video,
        live=live,
    )


def samples(world):
    """{URL name: [(url, query parameters it reads)]} for every public URL pattern."""
    topic, author, article = world.topic.slug, world.author.slug, world.article
    feed_pages = [page for page in world.pages if page.has_feed]
    ct = ContentType.objects.get_for_model(article).pk
    return {
        # Only listings read ?page=; every page still gets the parameter no view reads.
        "wagtail_serve": [
            (page.url, COMMON if page in feed_pages or page.depth == 2 else [])
            for page in world.pages
        ]
        # A live page's updates endpoint, below it (live/models.py).
        + [(f"{world.live.url}updates/", ["since"])],
        "page_feed": [(f"{page.url}feed/", []) for page in [*feed_pages, world.live]],
        "page_feed_atom": [(f"{page.url}feed/atom/", []) for page in [*feed_pages, world.live]],
        "topic_list": [("/topics/", [])],
        "topic_detail": [(f"/topics/{topic}/", COMMON)],
        "topic_feed": [(f"/topics/{topic}/feed/", [])],
        "topic_feed_atom": [(f"/topics/{topic}/feed/atom/", [])],
        "author_list": [("/authors/", [])],
        "author_detail": [(f"/authors/{author}/", COMMON)],
        "author_feed": [(f"/authors/{author}/feed/", [])],
        "author_feed_atom": [(f"/authors/{author}/feed/atom/", [])],
        "feed_index": [("/feeds/", [])],
        "site_feed": [("/feeds/rss/", [])],
        "site_feed_atom": [("/feeds/atom/", [])],
        "robots_txt": [("/robots.txt", [])],
        "sitemap": [("/sitemap.xml", ["p"])],
        "sitemap_section": [
            (f"/sitemap-{section}.xml", ["p"]) for section in ("pages", "topics", "authors")
        ],
        "news_sitemap": [("/news-sitemap.xml", [])],
        "search": [("/search/", SEARCH_PARAMETERS)],
        "search_autocomplete": [("/search/autocomplete/", ["q"])],
        "listing": [("/api/v2/pages/", API_PARAMETERS)],
        "detail": [(f"/api/v2/pages/{article.pk}/", ["fields"])],
        "find": [("/api/v2/pages/find/", ["html_path", "id"])],
        "comments-post-comment": [("/comments/post/", [])],
        "comments-csrf-token": [("/comments/token/", [])],
        "comments-xtd-sent": [("/comments/sent/", ["c"])],
        "comments-xtd-confirm": [("/comments/confirm/not-a-signed-key/", [])],
        "comments-xtd-mute": [("/comments/mute/not-a-signed-key/", [])],
        "comments-xtd-reply": [(f"/comments/reply/{world.comment.pk}/", [])],
        "comments-report": [(f"/comments/report/{world.comment.pk}/", [])],
        "comments-url-redirect": [(f"/comments/cr/{ct}/{article.pk}/", [])],
        "media": [(world.image.file.url, [])],
        "wagtaildocs_serve": [(f"/documents/{world.document.pk}/report.pdf", [])],
        "wagtaildocs_authenticate_with_password": [
            (f"/documents/authenticate_with_password/{world.document_restriction.pk}/", [])
        ],
        "wagtailcore_authenticate_with_password": [
            (
                f"/_util/authenticate_with_password/{world.restriction.pk}/{world.private.pk}/",
                ["return_url"],
            )
        ],
        "wagtailcore_login": [("/_util/login/", ["next"])],
        "corrections": [("/corrections/", ["page"])],
        "corrections_feed": [("/corrections/feed/", [])],
        "corrections_feed_atom": [("/corrections/feed/atom/", [])],
        "signup": [("/newsletters/", [])],
        "subscribe": [("/newsletters/subscribe/", [])],
        "check_email": [("/newsletters/check-your-email/", [])],
        "confirm": [("/newsletters/confirm/not-a-signed-key/", [])],
        "unsubscribe": [("/newsletters/unsubscribe/not-a-signed-key/", [])],
        "preferences": [("/newsletters/preferences/not-a-signed-key/", [])],
    }


class Sweep:
    """Sends requests and collects every answer that breaks the rules."""

    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.problems = []
        self.count = 0

    def check(self, response, what):
        self.count += 1
        if response.status_code >= 500:
            self.problems.append(f"{response.status_code} for {what}")
            return
        if "json" in response.get("Content-Type", ""):
            return  # JSON is data, not markup (and answered with nosniff)
        content = b"".join(response) if response.streaming else response.content
        body = content.decode("utf-8", "replace")
        for payload in MARKUP:
            if payload in body:
                self.problems.append(f"{payload!r} reflected unescaped by {what}")

    def get(self, url, query="", **headers):
        what = f"GET {url}{'?' + query if query else ''}"[:200]
        self.check(self.client.get(f"{url}?{query}" if query else url, **headers), what)

    def post(self, url, body, content_type):
        what = f"POST {url} {body[:80]!r}"
        self.check(self.client.generic("POST", url, body, content_type=content_type), what)


def _segments_replaced(url):
    """`url` with each path segment in turn replaced by each hostile value."""
    segments = url.strip("/").split("/")
    for index in range(len(segments)):
        for value in HOSTILE_SEGMENTS:
            changed = [*segments[:index], value, *segments[index + 1 :]]
            yield "/" + "/".join(changed) + ("/" if url.endswith("/") else "")


def test_every_public_url_pattern_is_swept(world):
    assert public_url_names() == set(samples(world))
    ours = {model for model in get_page_models() if model.is_creatable}
    swept = {type(page) for page in world.pages}
    assert ours - swept == set(), "add a page of each type to the world fixture"


def test_hostile_query_parameters_and_path_segments(world):
    sweep = Sweep()
    for name, urls in samples(world).items():
        for url, parameters in urls:
            for parameter in parameters:
                for value in HOSTILE:
                    sweep.get(url, f"{parameter}={value}")
                sweep.get(url, f"{parameter}=1&{parameter}=2")
            for value in UNREAD_VALUES:
                sweep.get(url, f"{UNREAD}={value}")
            if name != "wagtail_serve" or url.count("/") <= 3:  # one level of the tree
                for changed in _segments_replaced(url):
                    sweep.get(changed)
    assert sweep.problems == [], f"{len(sweep.problems)} of {sweep.count} requests:\n" + "\n".join(
        sweep.problems
    )


def test_hostile_headers(world):
    sweep = Sweep()
    for urls in samples(world).values():
        for url, _parameters in urls[:3]:
            for value in HOSTILE_HEADER_VALUES:
                sweep.get(url, **dict.fromkeys(HEADERS, value))
    assert sweep.problems == []


BOUNDARY = "----sweep"


def _multipart(fields):
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return "".join(parts) + f"--{BOUNDARY}--\r\n"


FORM = "application/x-www-form-urlencoded"
JUNK_BODIES = [
    (FORM, "content_type=news.articlepage%00&object_pk=1&comment=hi"),
    (FORM, "content_type=news.articlepage&object_pk=99999999999999999999"),
    (FORM, "content_type=news.articlepage&object_pk=%C2%B2"),
    (FORM, "%FF%FE=%FF&comment=%ED%A0%80"),  # not UTF-8 (the second is a surrogate)
    (FORM, "comment=" + quote(SCRIPT) + "&name=" + quote(ATTRIBUTE)),
    (FORM, "&".join(f"f{number}=1" for number in range(1500))),  # too many fields
    (FORM, "=&&==%&%zz"),
    (f"multipart/form-data; boundary={BOUNDARY}", _multipart({"content_type": "news.a\x00"})),
    (f"multipart/form-data; boundary={BOUNDARY}", "not multipart at all"),
    ("multipart/form-data", "no boundary"),
    ("application/json", '{"comment": "' + SCRIPT + '"}'),
    ("text/plain", "\x00\x0b"),
]


def form_samples(world):
    """{URL: form fields a browser would send} for every form a reader can send."""
    from tests.comments.helpers import comment_form, filled_in

    comment = filled_in(comment_form(Client(), world.article))
    return {
        "/comments/post/": comment,
        f"/comments/reply/{world.comment.pk}/": comment,
        f"/comments/report/{world.comment.pk}/": {"reason": "spam"},
        f"/_util/authenticate_with_password/{world.restriction.pk}/{world.private.pk}/": {
            "password": "secret",
            "return_url": world.private.url,
        },
        f"/documents/authenticate_with_password/{world.document_restriction.pk}/": {
            "password": "pw",
            "return_url": world.document.url,
        },
        "/_util/login/": {"username": "nobody", "password": "x", "next": "/"},
    }


def test_junk_post_bodies_to_every_url(world):
    sweep = Sweep()
    for urls in samples(world).values():
        for url, _parameters in urls:
            for content_type, body in JUNK_BODIES:
                sweep.post(url, body, content_type)
    assert sweep.problems == [], "\n".join(sweep.problems)


def test_hostile_values_in_every_form_field(world):
    sweep = Sweep()
    for url, fields in form_samples(world).items():
        for name in fields:
            for value in HOSTILE:
                body = urlencode({**fields, name: "VALUE"}).replace("VALUE", value)
                sweep.post(url, body, FORM)
            multipart = _multipart({**fields, name: "a\x00b"})
            sweep.post(url, multipart, f"multipart/form-data; boundary={BOUNDARY}")
    assert sweep.problems == [], "\n".join(sweep.problems)
