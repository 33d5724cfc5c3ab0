"""Focus pages, the home focus strip and related articles on the database engine."""

from datetime import timedelta

import django_comments
import feedparser
import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from lxml import html
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import HomeFocusTopic, RelatedItem
from search.models import FocusPage
from tests import factories
from tests.factories import make_focus

pytestmark = pytest.mark.django_db


def texts(response, xpath):
    return [
        " ".join(e.text_content().split()) for e in html.fromstring(response.content).xpath(xpath)
    ]


def section(heading_id):
    return f"//section[@aria-labelledby='{heading_id}']"


def test_focus_page_blocks(client, newsroom):
    page = make_focus(newsroom.housing, pinned=[newsroom.homes], intro="<p>All about homes.</p>")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "All about homes." in response.content.decode()
    pinned = texts(response, section("pinned-heading") + "//h3")
    assert pinned == ["Housing association builds 400 homes"]
    # Latest in the topic, newest first, without the pinned story.
    assert texts(response, section("latest-heading") + "//h3") == [
        "Councils approve budget for new social housing",
        "Why councils must build homes again",
    ]
    # Related topics by co-occurrence, leading authors by number of items.
    assert texts(response, section("related-topics-heading") + "//li") == ["Finance"]
    authors = texts(response, section("authors-heading") + "//li/a")
    assert authors == ["Asha Patel"]
    view_all = html.fromstring(response.content).xpath("//a[contains(., 'View all news')]")[0]
    assert view_all.get("href") == "/search/?topic=housing&sort=newest"
    assert "(3)" in view_all.text_content()
    listing = client.get(view_all.get("href"))
    assert listing.status_code == 200
    assert (
        len(html.fromstring(listing.content).xpath("//ol[contains(@class,'search-results')]/li"))
        == 3
    )


def test_unpublished_pinned_items_drop_out_and_no_comments_block(client, newsroom):
    page = make_focus(newsroom.health, pinned=[newsroom.pay, newsroom.video])
    type(newsroom.pay).objects.get(pk=newsroom.pay.pk).unpublish()
    response = client.get(page.url)
    assert texts(response, section("pinned-heading") + "//h3") == [
        "In conversation: the social care workforce"
    ]
    # Without a comments app the block is left out rather than shown empty.
    assert not texts(response, section("commented-heading"))


def test_one_focus_page_per_topic(admin_client, newsroom):
    existing = make_focus(newsroom.finance)
    index = existing.get_parent()
    data = nested_form_data(
        {
            "title": "Another finance focus",
            "slug": "finance-2",
            "topic": newsroom.finance.pk,
            "intro": rich_text(""),
            "latest_count": "8",
            "pinned_items": inline_formset([]),
        }
    )
    response = admin_client.post(f"/admin/pages/add/search/focuspage/{index.pk}/", data)
    assert response.status_code == 200
    assert "already covers this topic" in response.content.decode()
    assert FocusPage.objects.filter(topic=newsroom.finance).count() == 1


def test_home_focus_strip_links_focus_pages(client, newsroom):

    home = factories.home_page()
    HomeFocusTopic.objects.create(page=home, topic=newsroom.finance, sort_order=0)
    HomeFocusTopic.objects.create(page=home, topic=newsroom.housing, sort_order=1)
    response = client.get("/")
    links = html.fromstring(response.content).xpath("//ul[@class='focus-strip']//a/@href")
    assert links == ["/topics/finance/", "/topics/housing/"]

    make_focus(newsroom.housing)
    make_focus(newsroom.health)
    response = client.get("/")
    links = html.fromstring(response.content).xpath("//ul[@class='focus-strip']//a/@href")
    assert links == ["/topics/finance/", "/focus/housing/", "/focus/health/"]


def test_related_articles_share_topics(client, newsroom):
    response = client.get(newsroom.budget.url)
    related = texts(response, section("related-articles-heading") + "//h3")
    # Items sharing a topic, newest first; never the page itself or drafts.
    assert related == [
        "Why councils must build homes again",
        "Housing association builds 400 homes",
        "Pay deal agreed for nurses",
        "Bin collection outsourced to save money",
    ]


def test_related_articles_prefer_more_shared_topics(client, newsroom):
    both = factories.make_article(
        title="Housing benefit costs rise", topics=[newsroom.housing, newsroom.finance]
    )
    related = texts(client.get(newsroom.budget.url), section("related-articles-heading") + "//h3")
    assert related[0] == both.title


def test_related_articles_leave_out_editors_choices(client, newsroom):

    RelatedItem.objects.create(page=newsroom.homes, related_page=newsroom.column, sort_order=0)
    response = client.get(newsroom.homes.url)
    assert texts(response, "//section[@aria-labelledby='related-heading']//h3") == [
        "Why councils must build homes again"
    ]
    related = texts(response, section("related-articles-heading") + "//h3")
    assert related == ["Councils approve budget for new social housing"]


def test_no_topics_no_related_block(client, newsroom):
    page = factories.make_article(title="A story filed nowhere")
    response = client.get(page.url)
    assert response.status_code == 200
    assert not texts(response, section("related-articles-heading"))


def test_most_commented_block_counts_recent_published_comments(client, newsroom):

    Comment = django_comments.get_model()

    def comment(page, days_ago=1, **fields):
        Comment.objects.create(
            content_type=ContentType.objects.get_for_model(page.specific_class),
            object_pk=str(page.pk),
            site_id=1,
            user_name="Reader",
            user_email="reader@example.org",
            comment="Well said.",
            submit_date=timezone.now() - timedelta(days=days_ago),
            **fields,
        )

    for _ in range(3):
        comment(newsroom.budget)
    comment(newsroom.column)
    comment(newsroom.column, is_public=False)  # held for moderation
    comment(newsroom.column, is_removed=True)
    comment(newsroom.homes, days_ago=60)  # too long ago
    comment(newsroom.pay)  # another topic
    page = make_focus(newsroom.housing)
    response = client.get(page.url)
    assert texts(response, section("commented-heading") + "//li") == [
        "Councils approve budget for new social housing (3 comments)",
        "Why councils must build homes again (1 comment)",
    ]


def test_focus_page_feed_lists_its_topic_and_is_on_the_feed_index(client, newsroom):

    page = make_focus(newsroom.housing)
    response = client.get(f"{page.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert "Housing focus" in feed.feed.title
    # Every story in the topic, newest first (pinning is for the page, not the feed).
    assert [entry.title for entry in feed.entries] == [
        "Councils approve budget for new social housing",
        "Why councils must build homes again",
        "Housing association builds 400 homes",
    ]
    # Readers find it among the feeds and through the page's autodiscovery links.
    assert f'href="{page.url}feed/"' in client.get("/feeds/").content.decode()
    alternates = html.fromstring(client.get(page.url).content).xpath(
        "//link[@rel='alternate']/@href"
    )
    assert f"{page.url}feed/atom/" in alternates
