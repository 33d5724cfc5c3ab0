"""The site behind a real Varnish: readers get cached pages, editors and the comment token
never do, a publish purges the page (Wagtail's frontend cache app), and readers still get
cached pages while the app is down. The app runs on Django's live server (same code and
middleware as under gunicorn) sharing the test database."""

import json
import re
import time

import pytest
from django.contrib.auth import get_user_model
from pytest_django.live_server_helper import LiveServer

from cms.changes import PURGE_QUEUE
from comments import actions
from tests import factories
from tests.background.helpers import run_due_tasks
from tests.serving.conftest import request, start_varnish, wait_for

pytestmark = [pytest.mark.proxy, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HOST = {"Host": "testserver"}  # the Wagtail site's host (the `site` fixture)


@pytest.fixture(scope="module")
def app(django_db_setup, django_db_blocker):
    """The site on a live server. Varnish's health probe reaches it between tests too, so
    the database stays open to it for the whole module."""
    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1:0")
        yield server
        server.stop()


@pytest.fixture(scope="module")
def varnish(app):
    proxy = start_varnish(app.thread.port)
    yield proxy
    proxy.stop()


@pytest.fixture
def purges_to(settings):
    """Point Wagtail's frontend cache app at a proxy, as FRONTEND_CACHE_URL does."""

    def configure(proxy):
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": proxy.url,
            }
        }

    return configure


def read(proxy, path, **headers):
    return request(proxy, path, headers={**HOST, **headers})


def test_readers_get_the_cached_article_without_an_origin_request(varnish, news_section):
    article = factories.make_article(title="Cached for every reader")
    first = read(varnish, article.url)
    before = varnish.stat("MAIN.backend_req")
    second = read(varnish, article.url, Cookie="csrftoken=abc; _ga=GA1.2")

    assert (first.status, first.cache) == (200, "MISS")
    assert "Cached for every reader" in first.body
    # Nothing per reader in the shared copy: no cookie, no CSRF token in the comment form.
    assert "set-cookie" not in first.headers
    assert not re.search(r'name="csrfmiddlewaretoken" value="[^"]', first.body)
    assert (second.cache, second.body) == ("HIT", first.body)
    assert varnish.stat("MAIN.backend_req") == before


def test_editors_are_never_given_the_cached_copy(varnish, news_section, client):
    article = factories.make_article(title="Seen by editors as they are")
    anonymous = read(varnish, article.url)
    client.force_login(get_user_model().objects.create_superuser("editor", "e@example.com", "x"))
    session = client.cookies["sessionid"].value

    editor = read(varnish, article.url, Cookie=f"sessionid={session}")

    assert "wagtail-userbar" not in anonymous.body
    assert (editor.cache, "wagtail-userbar" in editor.body) == ("PASS", True)


def test_the_comment_token_is_fetched_for_each_reader(varnish, site):
    answers = [read(varnish, "/comments/token/") for _ in range(2)]

    assert [answer.cache for answer in answers] == ["PASS", "PASS"]
    assert all("csrftoken=" in answer.headers["set-cookie"] for answer in answers)
    tokens = {json.loads(answer.body)["token"] for answer in answers}
    assert len(tokens) == 2


def test_publishing_purges_the_page(varnish, news_section, settings, purges_to):
    purges_to(varnish)
    settings.PROXY_CACHE_SECONDS = 600  # without the purge, the old copy would stay 10 minutes
    article = factories.make_article(title="Council sets budget")
    first = read(varnish, article.url)
    assert "s-maxage=600" in first.headers["cache-control"]
    assert read(varnish, article.url).cache == "HIT"

    article.title = "Council sets a bigger budget"
    article.save_revision().publish()
    run_due_tasks()  # the worker: the purge is a task
    # The purge went out after the publish committed. The first reader after it may get
    # the previous copy (half a second of grace) while Varnish fetches the page again.
    read(varnish, article.url)

    def refreshed():
        """the new title is cached"""
        answer = read(varnish, article.url)
        return answer.cache == "HIT" and "Council sets a bigger budget" in answer.body

    wait_for(refreshed, timeout=1.0)

    article.unpublish()
    run_due_tasks()
    wait_for(lambda: read(varnish, article.url).status == 404, timeout=1.0)


def test_readers_get_cached_pages_while_the_app_is_down(news_section, settings):
    settings.BROWSER_CACHE_SECONDS = 1  # the cached copy expires after a second
    article = factories.make_article(title="Still readable during an outage")
    app = LiveServer("127.0.0.1:0")
    app_running = True
    proxy = start_varnish(app.thread.port)
    try:
        assert read(proxy, article.url).cache == "MISS"
        cached_at = time.monotonic()
        assert "healthy" in proxy.admin("backend.list")

        app.stop()
        app_running = False

        def marked_down():
            """Varnish's probe has marked the app down"""
            return "sick" in proxy.admin("backend.list")

        wait_for(marked_down, timeout=10, step=0.2)
        # Past the 1 s TTL and the 5 s grace a healthy app gets: only "app down" grace is left.
        time.sleep(max(0.0, cached_at + 7 - time.monotonic()))
        during = read(proxy, article.url)
        never_cached = read(proxy, "/news/")

        assert (during.status, during.cache) == (200, "HIT")
        assert "Still readable during an outage" in during.body
        assert int(during.headers["age"]) >= 6
        assert never_cached.status == 503
    finally:
        proxy.stop()
        if app_running:
            app.stop()


# The purge worker (`db_worker --queue-name purges --interval 0.1`, README "Serving") finds
# a purge at most this long after the commit; the tests run it at once, then allow for it.
PURGE_WORKER_POLL = 0.1


def fresh_within(proxy, since, expected, limit=1.0 - PURGE_WORKER_POLL):
    """Reads every path in turn until each gives what `expected` ({path: is_fresh(answer)})
    wants; returns how long after `since` (the change's commit) the last old copy was
    served (a read counts from when it was sent: a reader waiting for the fresh page is
    not shown an old one); fails past `limit`."""
    pending, worst = dict(expected), 0.0
    while pending:
        for path, is_fresh in list(pending.items()):
            sent = time.monotonic() - since
            answer = read(proxy, path)
            if is_fresh(answer):
                del pending[path]
                continue
            worst = max(worst, sent)
            if sent > limit:
                pytest.fail(f"{path} still stale {sent:.2f}s after the change: {answer.status}")
        time.sleep(0.01)
    return worst


def purged():
    """The moment the change committed; then the purge worker's run."""
    committed_at = time.monotonic()
    run_due_tasks(PURGE_QUEUE)
    return committed_at


def test_no_reader_sees_an_old_page_a_second_after_a_change(
    varnish, news_section, settings, purges_to
):
    """Publish, unpublish and a comment approval, with pages kept 10 minutes by the proxy:
    the item and the listings showing it are fresh through Varnish within a second."""
    purges_to(varnish)
    settings.PROXY_CACHE_SECONDS = 600
    topic = factories.make_topic("Planning")
    article = factories.make_article(title="Town plan agreed", topics=[topic])
    other = factories.make_article(title="Bus lanes extended")
    listings = [news_section.url, "/", "/topics/planning/"]
    run_due_tasks()  # the purges of the set-up
    for path in [article.url, other.url, *listings]:
        read(varnish, path)
        assert read(varnish, path).cache == "HIT"

    article.title = "Town plan agreed after appeal"
    article.save_revision().publish()
    retitled = lambda answer: "Town plan agreed after appeal" in answer.body  # noqa: E731
    worst = fresh_within(varnish, purged(), dict.fromkeys([article.url, *listings], retitled))
    # Nothing site-wide: a page the change does not list it on keeps its cached copy.
    assert read(varnish, other.url).cache == "HIT"
    run_due_tasks()  # the rest (search index, outbox) before the next change

    comment = factories.make_comment(article, "A fair outcome for residents.")
    moderator = get_user_model().objects.create_superuser("mod", "mod@example.org", "x")
    actions.approve(comment, moderator)
    counted = dict.fromkeys(listings, lambda answer: "1 comment" in answer.body)
    counted[article.url] = lambda answer: "A fair outcome" in answer.body
    worst = max(worst, fresh_within(varnish, purged(), counted))
    run_due_tasks()

    article.unpublish()
    gone = dict.fromkeys(listings, lambda answer: "Town plan" not in answer.body)
    gone[article.url] = lambda answer: answer.status == 404
    worst = max(worst, fresh_within(varnish, purged(), gone))
    assert worst <= 1.0 - PURGE_WORKER_POLL
