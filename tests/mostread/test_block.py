"""The "Most read" block on the home page and under articles, and the dashboard panel:
the top items in order for each window, only items readers may see, no query once warm."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone
from lxml import html
from wagtail.models import PageViewRestriction

from cms import changes
from cms.models import ContentPage
from mostread.counting import hour_of
from mostread.models import HourlyReads
from tests import factories
from tests.cms.test_workflow import user_in

pytestmark = pytest.mark.django_db


def read(page, count, hours_ago=0):
    HourlyReads.objects.create(
        page=page, hour=hour_of(timezone.now() - timedelta(hours=hours_ago)), reads=count
    )


def block_lists(content):
    """{window heading: [item titles in order]} of the page's Most read block."""
    tree = html.fromstring(content)
    [block] = tree.xpath("//section[@aria-labelledby='most-read-heading']")
    assert block.xpath("string(.//h2)") == "Most read"
    return {
        " ".join(heading.text_content().split()): [
            link.text_content() for link in heading.xpath("following-sibling::ol[1]/li/a")
        ]
        for heading in block.xpath(".//h3")
    }


@pytest.fixture
def stories(sections):
    """Four stories read over the last days; one column and one video too."""
    budget = factories.make_article(title="Budget sets council funding")
    bins = factories.make_article(title="Bins collected fortnightly")
    strike = factories.make_article(title="Junior doctors strike")
    old = factories.make_article(title="Last year's big story")
    column = factories.make_column(title="Plan for the long term")
    read(budget, 5, hours_ago=2)
    read(bins, 3)
    read(bins, 10, hours_ago=24 * 3)
    read(strike, 2, hours_ago=23)  # the oldest hour of the last 24
    read(strike, 7, hours_ago=24)  # one hour before: in the week only
    read(old, 50, hours_ago=24 * 7)  # just outside the week
    read(column, 4, hours_ago=5)
    return locals()


def test_the_home_page_lists_the_most_read_of_each_window_in_order(client, stories):
    lists = block_lists(client.get("/").content)

    assert lists == {
        "Last 24 hours": [
            "Budget sets council funding",
            "Plan for the long term",
            "Bins collected fortnightly",
            "Junior doctors strike",
        ],
        "Last 7 days": [
            "Bins collected fortnightly",
            "Junior doctors strike",
            "Budget sets council funding",
            "Plan for the long term",
        ],
    }


def test_the_block_shows_most_read_items_and_links_them(client, stories, settings):
    settings.MOST_READ_ITEMS = 2
    page = html.fromstring(client.get(stories["strike"].url).content)

    [block] = page.xpath("//section[@aria-labelledby='most-read-heading']")
    assert [len(ol.xpath("li")) for ol in block.xpath(".//ol")] == [2, 2]
    links = block.xpath(".//ol[1]/li/a/@href")
    assert links == [stories["budget"].url, stories["column"].url]
    # Under the article, after the story itself.
    after_story = "//article[contains(@class, 'story')]/following::section"
    assert page.xpath(f"{after_story}[@aria-labelledby='most-read-heading']")


def test_items_readers_may_not_see_never_appear(client, stories):
    private = factories.make_article(title="Private briefing")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    withdrawn = factories.make_article(title="Withdrawn story")
    embargoed = factories.make_article(title="Embargoed story")
    for page in (private, withdrawn, embargoed):
        read(page, 100)
    withdrawn.unpublish()
    ContentPage.objects.filter(pk=embargoed.pk).update(
        embargo_until=timezone.now() + timedelta(hours=1)
    )
    changes.bump([changes.SITE, changes.PRIVACY])  # as the change pipeline does for these

    lists = block_lists(client.get("/").content)

    shown = {title for titles in lists.values() for title in titles}
    assert shown.isdisjoint({"Private briefing", "Withdrawn story", "Embargoed story"})
    assert lists["Last 24 hours"][0] == "Budget sets council funding"


def test_nothing_read_shows_no_block(client, sections):
    factories.make_article(title="Nobody has read me")

    assert b"most-read-heading" not in client.get("/").content


def test_the_block_runs_no_query_once_warm(stories, django_assert_num_queries):
    template = Template("{% load mostread_tags %}{% most_read %}")
    first = template.render(Context())  # computes the lists: a few queries, once
    read(stories["old"], 1000)
    with django_assert_num_queries(0):
        again = template.render(Context())
    assert again == first and "Budget sets council funding" in first


def test_the_page_runs_no_more_queries_with_the_block_than_without(client, stories, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        # Twice: the first request also creates the site settings row (a new content version).
        client.get(url)
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    with_block = {url: queries(url) for url in ("/", stories["bins"].url)}
    HourlyReads.objects.all().delete()
    changes.bump([changes.SITE])
    without = {url: queries(url) for url in ("/", stories["bins"].url)}
    assert with_block == without


def test_the_lists_are_refreshed_every_few_minutes_and_on_publish(client, stories):
    before = block_lists(client.get("/").content)
    read(stories["old"], 1000)

    assert block_lists(client.get("/").content) == before  # cached: a few minutes behind

    factories.make_article(title="Breaking news")  # a publish makes the lists fresh
    after = block_lists(client.get("/").content)
    assert after["Last 24 hours"][0] == "Last year's big story"


def test_editors_see_the_most_read_on_the_dashboard(client, stories):
    client.force_login(user_in("Editors", "eddie"))

    content = client.get("/admin/").content.decode()

    tree = html.fromstring(content)
    [panel] = tree.xpath("//section[@id='most-read-section']")
    day, week = panel.xpath(".//ol")
    first = " ".join(day.xpath("li[1]")[0].text_content().split())
    assert first.startswith("Budget sets council funding · News · 5 reads")
    assert day.xpath("li[1]/a[1]/@href") == [f"/admin/pages/{stories['budget'].pk}/edit/"]
    assert [li.xpath("a[1]")[0].text for li in week.xpath("li")][:2] == [
        "Bins collected fortnightly",
        "Junior doctors strike",
    ]


def test_every_item_page_loads_the_beacon_but_a_preview_does_not(client, sections):
    items = [
        factories.make_article(title="An article"),
        factories.make_column(title="A column"),
        factories.make_video(title="A video", transcript="Hello."),
        factories.make_live_page(title="A live page"),
    ]
    for item in items:
        scripts = html.fromstring(client.get(item.url).content).xpath("//script[@data-most-read]")
        assert [(s.get("data-most-read"), s.get("data-page")) for s in scripts] == [
            ("/most-read/count/", str(item.pk))
        ], item.title
        assert scripts[0].get("src").endswith("/js/mostread.js")
    assert b"data-most-read" not in client.get("/").content  # no item: nothing to count

    preview = items[0].make_preview_request()
    assert preview.status_code == 200 and b"<h1" in preview.content
    assert b"data-most-read" not in preview.content
