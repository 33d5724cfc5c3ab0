"""The embargo on Elasticsearch: before its time an embargoed item is in no search, no
autocomplete and no related-items box answered by a real node, nor in its index; once
publish_scheduled makes it live, the search outbox indexes it and every door shows it.

Nothing in the query knows about embargoes: an item is indexed only while it is live
(search.sources.indexable_pages), and hits are read back through the same queryset, so
an item that is not live cannot be found whatever the index holds.
"""

import pytest
from django.core.management import call_command

from news.models import ArticlePage
from tests.background.helpers import committed
from tests.search.conftest import indexed
from tests.trust.test_embargo import doors, embargoed_story, move_clock_past_embargo, shows_story

pytestmark = pytest.mark.elasticsearch

SEARCH_DOORS = ("search", "autocomplete", "related items")


def test_an_embargoed_item_is_found_on_elasticsearch_only_once_it_is_live(client, es, news_section):
    with committed():  # the outbox drains as it would after each request
        story = embargoed_story(client, news_section)
    page = story["page"]
    assert indexed(es).keys() == {story["neighbour"].pk}

    search_page = client.get("/search/?q=embargoed").content.decode()
    assert 'data-engine="elasticsearch"' in search_page  # a real answer, not the fallback
    before = doors(client, story)
    assert [door for door in SEARCH_DOORS if shows_story(before[door])] == []

    move_clock_past_embargo(story)
    with committed():
        call_command("publish_scheduled")
    assert ArticlePage.objects.get(pk=page.pk).live
    assert page.pk in indexed(es)

    after = doors(client, story)
    assert [door for door in SEARCH_DOORS if not shows_story(after[door])] == []
    assert 'data-engine="elasticsearch"' in client.get("/search/?q=embargoed").content.decode()
