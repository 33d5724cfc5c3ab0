"""What Elasticsearch adds over the database, and that both engines agree on the facts."""

import pytest
from django.http import QueryDict
from lxml import html

from cms.models import Topic
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.params import parse
from search.query_text import parse_text
from search.views import existing_topics

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.parametrize("engine", ["elasticsearch"], indirect=True, scope="module"),
]


def titles(response):
    tree = html.fromstring(response.content)
    return [a.text_content() for a in tree.xpath("//ol[contains(@class,'search-results')]//h2/a")]


def test_english_stemming(search, newsroom):
    assert set(titles(search({"q": "home"}))) == {
        "Housing association builds 400 homes",
        "Why councils must build homes again",
        "Councils approve budget for new social housing",  # "build homes" in the body
        "In conversation: the social care workforce",  # "a care home manager"
    }


def test_snippets_come_from_the_body_when_that_is_what_matched(search, newsroom):
    response = search({"q": "theatre capacity"})
    assert titles(response) == ["NHS waiting lists fall for the first time in a year"]
    snippet = html.tostring(
        html.fromstring(response.content).xpath("//p[@class='teaser__summary']")[0]
    )
    assert b"extra <mark>theatre</mark> <mark>capacity</mark> had" in snippet


def test_did_you_mean_uses_the_index_vocabulary(search, newsroom):
    response = search({"q": "hospitls"})
    assert titles(response) == []
    suggestion = html.fromstring(response.content).xpath("//p[@class='search-suggestion']/a")
    assert suggestion[0].text_content() == "hospitals"


def test_autocomplete_matches_word_prefixes(search, newsroom):
    data = search(path="/search/autocomplete/", params={"q": "social hou"}).json()
    assert [item["title"] for item in data["results"]] == [
        "Councils approve budget for new social housing"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "topic=housing",
        "topic=health&type=news",
        "type=last-word",
        "date=past-month&topic=finance",
        "date=older",
        "q=council",
        "q=nurses+pay",
        "q=NHS&date=past-year",
        'q="social+housing"',
    ],
)
def test_both_engines_agree(engine, newsroom, query):
    params = parse(QueryDict(query), existing_topics)
    words = parse_text(params.text) if params.text else None
    elastic_hits = ElasticsearchEngine().search(params, words)
    database_hits = DatabaseEngine().search(params, words)
    assert elastic_hits.total == database_hits.total > 0
    assert set(elastic_hits.ids) == set(database_hits.ids)
    if params.order == "newest":
        assert elastic_hits.ids == database_hits.ids
    assert dict(elastic_hits.topic_counts) == dict(database_hits.topic_counts)
    kinds = {k: v for k, v in database_hits.kind_counts.items() if v}
    assert elastic_hits.kind_counts == kinds
    assert elastic_hits.date_counts == database_hits.date_counts


@pytest.mark.parametrize("topic", ["housing", "finance", "health"])
def test_focus_blocks_agree_across_engines(engine, newsroom, topic):

    topic = Topic.objects.get(slug=topic)
    exclude = [newsroom.homes.pk]
    elastic_facts = ElasticsearchEngine().topic_overview(topic, 8, exclude)
    database_facts = DatabaseEngine().topic_overview(topic, 8, exclude)
    assert elastic_facts == database_facts
    assert elastic_facts.total > 0
