"""A page reads its cache entries from Redis in one round trip (cms/shared_cache.py), and
what it reads is never older than its request."""

import pytest
from django.core.cache import caches
from wagtail.models import Page

from cms.settings.base import redis_cache
from scripts.redis_server import RedisServer
from tests import factories

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def redis(settings):
    """A Redis as the default cache, with Django's page cache off as behind the proxy (its
    lookups come before any view: not the page's own reads)."""
    settings.CACHE_MIDDLEWARE_SECONDS = 0
    server = RedisServer(die_with_parent=True)
    server.start()
    settings.CACHES = {**settings.CACHES, "default": redis_cache(server.url, "test")}
    try:
        yield caches["default"].client.get_client()
    finally:
        caches["default"].close()
        server.stop()


def commands(redis):
    """Redis's count of the commands it has run, per command."""
    return {
        name.removeprefix("cmdstat_"): stats["calls"]
        for name, stats in redis.info("commandstats").items()
    }


def commands_for(client, redis, url):
    before = commands(redis)
    response = client.get(url)
    after = commands(redis)
    assert response.status_code == 200
    ran = {name: after[name] - before.get(name, 0) for name in after}
    ran.pop("info", None)
    return response, {name: count for name, count in ran.items() if count}


def test_a_warm_page_reads_every_entry_in_one_round_trip(client, redis, news_section):
    article = factories.make_article(title="Library hours extended")
    _, cold = commands_for(client, redis, article.url)
    client.get(article.url)  # the keys it reads are known now

    _, warm = commands_for(client, redis, article.url)

    assert cold.get("get", 0) >= 8  # fragments, settings, navigation, private paths
    assert warm == {"mget": 1}


def test_after_a_change_a_page_reads_the_new_keys_and_shows_the_change(client, redis, news_section):
    article = factories.make_article(title="Pool reopens")
    client.get(article.url)
    client.get(article.url)

    article.title = "Pool reopens in May"
    article.save_revision().publish()
    Page.objects.filter(pk=article.pk).update(title="Pool reopens in May")
    response, changed = commands_for(client, redis, article.url)
    _, settled = commands_for(client, redis, article.url)

    assert "Pool reopens in May" in response.content.decode()
    assert changed.get("get", 0) >= 1 and changed.get("set", 0) >= 1  # new keys, made once
    assert settled == {"mget": 1}


def test_a_key_written_during_the_request_is_read_as_written(redis):
    from cms import shared_cache

    cache = caches["default"]
    cache.set("seen", "before")
    with shared_cache.reading_ahead("address"):
        assert cache.get("seen") == "before"
    with shared_cache.reading_ahead("address"):  # "seen" is read ahead now
        cache.set("seen", "during")
        assert cache.get("seen") == "during"
        assert cache.get("seen") == "during"
    cache.set("seen", "between")
    with shared_cache.reading_ahead("address"):
        assert cache.get("seen") == "between"
        cache.delete("seen")
        assert cache.get("seen") is None


def test_a_read_ahead_inside_another_leaves_it_to_the_outer_one(redis):
    from cms import shared_cache

    cache = caches["default"]
    cache.set("outer", "kept")
    with shared_cache.reading_ahead("outer address"):
        cache.get("outer")
    with shared_cache.reading_ahead("outer address"):
        with shared_cache.reading_ahead("inner address"):
            assert cache.get("outer") == "kept"
        assert cache.get("outer") == "kept"
