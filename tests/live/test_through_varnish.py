"""A live page behind a real Varnish: an entry purges the page and the updates address
polling readers ask for, so every reader is answered from the cache, with the new entry,
at the cost of a few origin requests per entry."""

import json

import pytest

from tests import factories
from tests.background.helpers import run_due_tasks
from tests.serving.conftest import wait_for
from tests.serving.test_site_through_varnish import app, purges_to, read, varnish

pytestmark = [pytest.mark.proxy, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
__all__ = ["app", "purges_to", "varnish"]  # fixtures, used by name


def entries(answer):
    return [entry["id"] for entry in json.loads(answer.body)["entries"]]


def test_a_new_entry_reaches_polling_readers_from_the_cache(varnish, news_section, purges_to):
    purges_to(varnish)
    page = factories.make_live_page(title="Count night live")
    first = factories.make_live_entry(page, "Polls close")
    run_due_tasks()
    poll = f"{page.url}updates/?since={first.pk}"
    assert entries(read(varnish, poll)) == []
    assert read(varnish, poll).cache == "HIT"
    assert read(varnish, page.url).status == 200

    before = varnish.stat("MAIN.backend_req")
    second = factories.make_live_entry(page, "First result declared")
    run_due_tasks()  # the worker: the purge is a task
    # The first readers after the purge may get the previous copy (half a second of grace)
    # while Varnish fetches the fresh one.
    wait_for(lambda: entries(read(varnish, poll)) == [second.pk], timeout=1.0)
    answers = [read(varnish, poll) for _reader in range(50)]
    assert {answer.cache for answer in answers} == {"HIT"}
    assert all(entries(answer) == [second.pk] for answer in answers)
    wait_for(lambda: "First result declared" in read(varnish, page.url).body, timeout=1.0)
    assert read(varnish, page.url).cache == "HIT"
    # One fetch of each address read after the purge (the page and the one `since`
    # address readers poll with), not one per reader.
    assert varnish.stat("MAIN.backend_req") - before <= 2
