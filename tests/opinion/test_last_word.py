"""The "Last word" column: where columns may live, one columnist each, the column page, the
index listing, its feed and its JSON-LD kind."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import HomePage
from news.models import NewsIndexPage
from opinion.models import LastWordIndexPage, LastWordPage
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def columns(sections):
    """Two columns by one columnist (the newer first) and a news story beside them."""
    columnist = factories.make_author(
        "Rob Whiteman",
        role="CEO",
        organisation="CIPFA",
        bio="Rob leads the institute.",
        declared_interests="Trustee of a housing charity.",
    )
    finance = factories.make_topic("Finance")
    older = factories.make_column(
        title="Audit needs a rescue",
        topics=[finance],
        columnist=columnist,
        when=factories.days_ago(4),
    )
    newer = factories.make_column(
        title="Funding must be multi-year",
        topics=[finance],
        columnist=columnist,
        pull_quote="Plan for the long term.",
        when=factories.days_ago(1),
        body=[{"type": "paragraph", "value": "<p>Councils cannot plan year to year.</p>"}],
    )
    story = factories.make_article(title="Council sets budget", when=factories.days_ago(2))
    return {
        "index": sections["opinion"],
        "columnist": columnist,
        "older": older,
        "newer": newer,
        "story": story,
    }


def test_columns_live_only_under_the_last_word_index(sections):
    home = HomePage.objects.get()
    assert LastWordIndexPage.can_create_at(home)
    assert LastWordPage.can_create_at(sections["opinion"])
    assert not LastWordPage.can_create_at(home)
    assert not LastWordPage.can_create_at(sections["news"])
    assert not NewsIndexPage.can_create_at(sections["opinion"])
    assert LastWordPage.allowed_subpage_models() == []


def test_a_column_is_stored_with_its_kind_and_its_columnist(columns):
    column = LastWordPage.objects.get(pk=columns["newer"].pk)
    assert column.page_type == "last-word"
    assert column.kind == "Last word"
    assert column.columnist == columns["columnist"]


def column_form(authors):
    """What an editor types into a new column (nothing on the Promote tab but its address)."""
    return nested_form_data(
        {
            "title": "Procurement after the act",
            "slug": "procurement-after-the-act",
            "pull_quote": "",
            "body": streamfield([("paragraph", rich_text("<p>It is a big change.</p>"))]),
            "author_links": inline_formset([{"author": str(author.pk)} for author in authors]),
            "related_items": inline_formset([]),
            "right_of_reply": inline_formset([]),
        }
    )


def test_a_column_has_exactly_one_columnist(client, columns):
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.org", "pw"))
    add_url = reverse(
        "wagtailadmin_pages:add", args=("opinion", "lastwordpage", columns["index"].pk)
    )
    two = [columns["columnist"], factories.make_author("Guest Two")]
    # A column is published only while its columnist's declaration is current (issue 14).
    columns["columnist"].interests_reviewed_on = timezone.localdate()
    columns["columnist"].save()

    response = client.post(add_url, column_form(two))
    assert response.status_code == 200  # the form again, with the error
    assert not LastWordPage.objects.filter(slug="procurement-after-the-act").exists()
    # A draft may wait for its columnist; a published column may not.
    response = client.post(add_url, {**column_form([]), "action-publish": "Publish"})
    assert response.status_code == 200
    assert not LastWordPage.objects.filter(slug="procurement-after-the-act").exists()

    response = client.post(add_url, {**column_form(two[:1]), "action-publish": "Publish"})
    assert response.status_code == 302, response.content[:2000]
    saved = LastWordPage.objects.get(slug="procurement-after-the-act")
    assert saved.live and saved.columnist == columns["columnist"]


def test_column_page_shows_pull_quote_columnist_card_and_more_columns(client, columns):
    page = soup(client.get(columns["newer"].url))
    assert page.h1.get_text(strip=True) == "Funding must be multi-year"
    assert page.select_one(".pull-quote--lead").get_text(strip=True) == "Plan for the long term."
    assert "Councils cannot plan year to year." in page.get_text()
    card = page.select_one(".author-card")
    assert "Rob Whiteman, CEO at CIPFA" in card.get_text()
    assert card.a["href"] == "/authors/rob-whiteman/"
    assert "Trustee of a housing charity." in card.select_one(".author-card__interests").text
    more = page.select_one(".more")
    assert more.h2.get_text() == "More last word articles"
    assert "Audit needs a rescue" in more.get_text()
    assert "Council sets budget" not in more.get_text(), "more columns, not other kinds"
    assert more.find("a", string="All last word columns")["href"] == columns["index"].url


def test_index_lists_columns_newest_first_and_nothing_else(client, columns):
    page = soup(client.get(columns["index"].url))
    titles = [title.get_text(strip=True) for title in page.select(".teaser__title")]
    assert titles == ["Funding must be multi-year", "Audit needs a rescue"]
    assert {kind.get_text() for kind in page.select(".teaser__kind")} == {"Last word"}


def test_unpublished_column_leaves_the_index(client, columns):
    columns["older"].unpublish()
    page = soup(client.get(columns["index"].url))
    titles = [title.get_text(strip=True) for title in page.select(".teaser__title")]
    assert titles == ["Funding must be multi-year"]


def test_feed_carries_the_columns_with_their_columnist(client, columns):
    response = client.get(columns["index"].url + "feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == [
        "Funding must be multi-year",
        "Audit needs a rescue",
    ]
    assert feed.entries[0].author == "Rob Whiteman"
    assert "Councils cannot plan year to year." in feed.entries[0].content[0].value


def test_json_ld_calls_a_column_an_opinion_news_article(client, columns):
    page = soup(client.get(columns["newer"].url))
    items = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    [column] = [item for item in items if item["@type"] == "OpinionNewsArticle"]
    assert column["headline"] == "Funding must be multi-year"
    assert [author["name"] for author in column["author"]] == ["Rob Whiteman"]
    assert not [item for item in items if item["@type"] == "NewsArticle"]
