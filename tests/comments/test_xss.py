"""Comments are text: no payload a reader posts ever becomes markup, anywhere we show it."""

import pytest
from django_comments_xtd.models import XtdComment
from lxml import html

from tests.comments.helpers import guest_comment, post_comment

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click me</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "</textarea><script>alert(1)</script>",
    "</p></div><body onload=alert(1)>",
    "<style>body{display:none}</style>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{ request.META }} {% now 'Y' %}",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "javascript:alert(1)",
]
NAMES = ["<script>alert(1)</script>", '"><img src=x onerror=1>', "<b>Bold</b> Name"]


def assert_inert(document):
    """No script without src, no event handler, no javascript: URL, no injected tag."""
    assert not document.xpath("//script[not(@src)][contains(., 'alert')]")
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), html.tostring(element)
            assert not value.strip().lower().startswith("javascript:"), html.tostring(element)
    comments = document.xpath("//*[@id='comments']")
    if comments:
        injected = comments[0].xpath(".//img | .//svg | .//iframe | .//style | .//math | .//b")
        assert not injected, [html.tostring(e) for e in injected]


@pytest.fixture
def unlimited(settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = settings.COMMENTS_RATE_LIMIT_PER_EMAIL = 0
    settings.COMMENTS_CONFIRMATION_EMAILS_PER_HOUR = 0


def test_payloads_in_comments_render_as_text(client, article, editor, unlimited):
    client.force_login(editor)  # published at once, no confirmation needed
    for payload in PAYLOADS:
        assert post_comment(client, article, payload).status_code == 302

    document = html.fromstring(client.get(article.url).content)

    assert_inert(document)
    shown = [
        " ".join(p.text_content().split()) for p in document.xpath("//*[@class='comment__text']")
    ]
    assert shown == [" ".join(payload.split()) for payload in PAYLOADS]


def test_payloads_in_names_render_as_text(client, article, unlimited):
    for number, name in enumerate(NAMES):
        guest_comment(client, article, f"Comment {number}", name=name, email=f"{number}@ex.org")

    document = html.fromstring(client.get(article.url).content)

    assert_inert(document)
    authors = [a.text_content() for a in document.xpath("//*[@class='comment__author']")]
    assert authors == NAMES


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_text_in_the_preview_and_error_pages(client, article, payload):
    preview = post_comment(client, article, payload, post=None, preview="1")
    error = post_comment(client, article, payload, name="")

    for response in (preview, error):
        document = html.fromstring(response.content)
        assert_inert(document)
        [textarea] = document.xpath("//textarea[@name='comment']")
        assert textarea.text.strip() == payload.strip()


def test_payloads_stay_text_in_the_admin(client, article, editor, unlimited):
    client.force_login(editor)
    for payload in PAYLOADS[:6]:
        post_comment(client, article, payload)
    comment = XtdComment.objects.first()

    for url in ("/admin/reader-comments/", f"/admin/reader-comments/{comment.pk}/"):
        document = html.fromstring(client.get(url).content)
        assert not document.xpath("//script[not(@src)][contains(., 'alert(1)')]")
        assert not document.xpath("//img[@onerror] | //svg[@onload]")
