"""Comment counts on teasers come from the listing query itself, not a query per teaser."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment
from lxml import html

from cms.models import ContentPage
from tests import factories
from tests.comments.helpers import guest_comment, post_comment

pytestmark = pytest.mark.django_db


def teaser_counts(client, url):
    document = html.fromstring(client.get(url).content)
    counts = {}
    for teaser in document.xpath("//article[contains(@class, 'teaser')]"):
        title = teaser.xpath("string(.//*[contains(@class, 'teaser__title')])").strip()
        counts[title] = teaser.xpath("string(.//*[@class='teaser__comments'])").strip(" ·\n")
    return counts


def test_listings_count_only_published_comments(client, article):
    quiet = factories.make_article(title="No comments here")
    guest_comment(client, article, "One.")
    guest_comment(client, article, "Two.", email="two@example.org")
    guest_comment(client, article, "Three.", email="three@example.org")
    XtdComment.objects.filter(comment="Three.").update(is_removed=True)
    guest_comment(client, article, "Four.", email="four@example.org")
    XtdComment.objects.filter(comment="Four.").update(is_public=False)

    counts = {
        page.title: page.comment_count for page in ContentPage.objects.listed().with_teaser_data()
    }

    assert counts == {article.title: 2, quiet.title: 0}
    shown = teaser_counts(client, article.get_parent().url)
    assert shown == {article.title: "2 comments", quiet.title: ""}
    link = html.fromstring(client.get("/").content).xpath("//a[text()='2 comments']/@href")
    assert link and link[0] == f"{article.url}#comments"


def queries_on(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_teaser_counts_add_no_query_per_teaser(client, news_section, editor, settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = 0
    client.force_login(editor)
    first = factories.make_article(title="First")
    post_comment(client, first, "Hello.")  # a moderator's comment is published at once
    few = queries_on(client, news_section.url)

    for number in range(5):
        page = factories.make_article(title=f"More {number}")
        post_comment(client, page, f"Comment {number}.")

    assert queries_on(client, news_section.url) == few
    assert list(teaser_counts(client, news_section.url).values()) == ["1 comment"] * 6
