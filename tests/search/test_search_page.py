"""The search page and autocomplete, run once on each engine with the same expectations.

The database engine runs on SQLite and PostgreSQL; the Elasticsearch engine on a real node.
"""

import re

import pytest
from lxml import html

from search.models import SearchSynonym
from tests.factories import days_ago

pytestmark = pytest.mark.django_db

NASTY_QUERIES = [
    '"unbalanced',
    '"council" "',
    "(budget) [housing] {nhs}",
    "council AND OR NOT near/3 *",
    'title:"x" ~2 ^3 \\ / : ! ? + - = && || > <',
    "NEAR(council budget)",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "😀🏠💷",
    "مجلس المدينة",  # Arabic
    "מועצה עירונית",  # Hebrew
    "\u202eevil\u202c",
    "\x00null\x00",
    "%00%ff",
    "a" * 200,
    "-",
    "*",
    '"',
]


def css(response_or_tree, selector):
    """Elements matching a small XPath made from a class or id (no cssselect dependency)."""
    tree = (
        response_or_tree
        if isinstance(response_or_tree, html.HtmlElement)
        else html.fromstring(response_or_tree.content)
    )
    return tree.xpath(selector)


def has_class(name):
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def results_of(response):
    """Titles of the results on a search page, in order."""
    links = css(response, f"//ol[{has_class('search-results')}]//*[{has_class('teaser__title')}]/a")
    return [a.text_content() for a in links]


def facet_items(response, name):
    return css(response, f"//nav[@aria-labelledby='facet-{name}']//li")


def facet(response, name):
    """{label: count} for one facet on the page."""
    found = {}
    for item in facet_items(response, name):
        label = item.text_content().split("(")[0].strip()
        count = int(re.search(r"\((\d+)\)", item.text_content()).group(1))
        found[label] = count
    return found


def test_words_find_published_items_with_highlights(search, newsroom):
    response = search({"q": "housing"})
    assert response.status_code == 200
    titles = results_of(response)
    assert "Housing association builds 400 homes" in titles
    assert "Councils approve budget for new social housing" in titles
    assert "Draft: secret housing plans" not in titles
    assert b"<mark>Housing</mark> association" in response.content


def test_search_pages_are_noindex_and_not_shared_cached(search, newsroom):
    response = search({"q": "housing"})
    assert css(response, "//meta[@name='robots']")[0].get("content") == "noindex, follow"
    assert response["X-Robots-Tag"] == "noindex"
    assert "private" in response["Cache-Control"]


def test_every_word_must_match(search, newsroom):
    assert results_of(search({"q": "housing association"})) == [
        "Housing association builds 400 homes"
    ]
    assert results_of(search({"q": "housing zebra"})) == []


def test_quoted_phrase(search, newsroom):
    titles = results_of(search({"q": '"social housing"'}))
    assert titles == ["Councils approve budget for new social housing"]


def test_an_authors_name_finds_their_items(search, newsroom):
    assert set(results_of(search({"q": "Asha Patel"}))) == {
        "Councils approve budget for new social housing",
        "Housing association builds 400 homes",
        "Why councils must build homes again",
    }


def test_a_pull_quote_finds_its_column(search, newsroom):
    assert results_of(search({"q": "manifestos"})) == ["Why councils must build homes again"]


def test_editors_synonyms_apply_to_the_next_search(search, newsroom):
    # "NHS, National Health Service" ships as a starter synonym.
    titles = results_of(search({"q": "NHS"}))
    assert set(titles) == {
        "NHS waiting lists fall for the first time in a year",
        "Pay deal agreed for nurses",
    }

    assert results_of(search({"q": "refuse collection"})) == []
    SearchSynonym.objects.create(terms="bin collection, refuse collection")
    assert results_of(search({"q": "refuse collection"})) == [
        "Bin collection outsourced to save money"
    ]


def test_facets_count_and_combine(search, newsroom):
    response = search({"topic": "housing"})
    assert facet(response, "section") == {"News": 2, "Live": 0, "TV": 0, "Last word": 1}
    assert facet(response, "topic") == {"Housing": 3, "Finance": 1}
    assert facet(response, "date")["Past week"] == 3

    combined = search({"topic": ["housing", "finance"], "type": "news"})
    assert results_of(combined) == ["Councils approve budget for new social housing"]

    older = search({"date": "older"})
    assert results_of(older) == ["Bin collection outsourced to save money"]
    # Single-choice facets count as if their own filter were not applied, so readers can
    # switch between values.
    assert facet(older, "date") == {
        "Past week": 4,
        "Past month": 5,
        "Past year": 6,
        "More than a year ago": 1,
    }


def test_facet_links_toggle_filters(search, newsroom):
    response = search({"q": "housing"})
    links = [
        item.xpath(".//a")[0] for item in facet_items(response, "section") if item.xpath(".//a")
    ]
    link = next(a for a in links if "Last word" in a.text_content())
    narrowed = search(path="/search/" + link.get("href"))
    assert results_of(narrowed) == ["Why councils must build homes again"]
    selected = [
        item.xpath(".//a")[0]
        for item in facet_items(narrowed, "section")
        if item.xpath(".//a[@aria-current='true']")
    ]
    assert "type=" not in selected[0].get("href")


def test_between_dates(search, newsroom):

    day = days_ago(40).date().isoformat()
    response = search({"from": day, "to": day})
    assert results_of(response) == ["Pay deal agreed for nurses"]


def test_newest_first_and_relevance(search, newsroom):
    newest = results_of(search({"q": "council", "sort": "newest"}))
    assert newest == [
        "Councils approve budget for new social housing",
        "Why councils must build homes again",
    ]
    browse = results_of(search({"topic": "health"}))
    assert browse[0] == "In conversation: the social care workforce"  # no words: newest first


def test_pagination(search, newsroom, settings):
    settings.LISTING_PAGE_SIZE = 2
    first = search({"topic": "housing"})
    assert len(results_of(first)) == 2
    assert "Page 1 of 2" in css(first, f"//nav[{has_class('pagination')}]")[0].text_content()
    second = search(path="/search/" + css(first, "//a[@rel='next']")[0].get("href"))
    assert len(results_of(second)) == 1
    assert set(results_of(first)).isdisjoint(results_of(second))
    assert search({"topic": "housing", "page": 3}).status_code == 404


def test_did_you_mean(search, newsroom):
    response = search({"q": "houzing"})
    assert results_of(response) == []
    link = css(response, f"//p[{has_class('search-suggestion')}]/a")[0]
    assert link.text_content() == "housing"
    assert results_of(search(path="/search/" + link.get("href")))


def test_empty_search_shows_the_form_and_topics(search, newsroom):
    response = search()
    assert response.status_code == 200
    assert b'href="?topic=housing"' in response.content
    assert not results_of(response)


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x", "page": "two"},
        {"topic": "no-such-topic"},
        {"type": "podcasts"},
        {"q": "a" * 10_000},
        {"sort": "random"},
    ],
)
def test_bad_query_strings_are_400_with_a_message(search, newsroom, query):
    response = search(query)
    assert response.status_code == 400
    message = css(response, f"//div[{has_class('error-summary')}]/p")[0].text_content()
    assert message


@pytest.mark.parametrize("text", NASTY_QUERIES)
def test_any_words_get_an_answer(search, newsroom, text):
    response = search({"q": text})
    assert response.status_code in (200, 400)
    assert b"<script>alert" not in response.content


def test_post_is_not_allowed(client):
    assert client.post("/search/", {"q": "x"}).status_code == 405


def test_autocomplete(search, newsroom):
    data = search(path="/search/autocomplete/", params={"q": "hous"}).json()
    titles = [item["title"] for item in data["results"]]
    assert "Housing association builds 400 homes" in titles
    assert "Draft: secret housing plans" not in titles
    assert data["topics"] == [{"name": "Housing", "url": "/topics/housing/"}]
    first = data["results"][0]
    assert set(first) == {"title", "url", "kind", "date"}
    assert search(path=first["url"]).status_code == 200
    assert search(path="/search/autocomplete/", params={"q": "h"}).json()["results"] == []
    assert search(path="/search/autocomplete/", params={"q": "a" * 300}).status_code == 400
    for text in NASTY_QUERIES:
        assert search(path="/search/autocomplete/", params={"q": text}).status_code in (200, 400)


def test_relevance_puts_headline_matches_first(search, newsroom):
    titles = results_of(search({"q": "homes"}))
    # The budget story is newer and mentions homes, but only in its body.
    assert set(titles[:2]) == {
        "Housing association builds 400 homes",
        "Why councils must build homes again",
    }
    assert "Councils approve budget for new social housing" in titles[2:]
