"""The outbox on PostgreSQL, where row ids follow insert order, not commit order.

A publish (or unpublish) inserts its outbox row first and holds its transaction open; a
topic rename inserts a later row, commits and drains first, indexing the page as it was.
When the publish finally commits, its drain must still win: documents are versioned by a
clock tick taken at drain time, before the state is read, not by the outbox row id.

Needs PostgreSQL (two connections holding transactions at once) and a real Elasticsearch
node, so it runs in the PostgreSQL pass of `make test`, which keeps tests marked both
`postgres` and `elasticsearch`.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection, transaction

from search.drain import drain
from search.models import IndexChange
from tests import factories
from tests.background.helpers import run_due_tasks
from tests.search.conftest import fresh, indexed

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.elasticsearch,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: runs in the PostgreSQL pass of make test",
    ),
]

WAIT = 60  # seconds; generous for a busy machine, never reached when all goes well


def retitle(page):
    page.title = "Trust finally agrees merger"
    page.save_revision().publish()


def unpublish(page):
    page.unpublish()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("change", [retitle, unpublish], ids=["publish", "unpublish"])
def test_a_change_committed_after_a_later_rename_still_wins(es, sections, change):
    topic = factories.make_topic("Health")
    article = factories.make_article(title="Trust talks about merger", topics=[topic])
    drain()
    assert indexed(es)[article.pk]["title"] == "Trust talks about merger"

    last_row = IndexChange.objects.latest("id").id
    recorded, renamed = threading.Event(), threading.Event()
    errors = []

    def slow_change():
        try:
            with transaction.atomic():
                change(fresh(article))
                assert IndexChange.objects.filter(processed_at=None).exists()
                recorded.set()
                # Held open while the rename inserts a later row, commits and drains.
                assert renamed.wait(WAIT), "the rename did not commit while this was open"
            # Committed: its drain was queued on commit, as after a real publish.
        except BaseException as exc:  # reported by the test's thread below
            errors.append(exc)
            recorded.set()
        finally:
            connection.close()

    thread = threading.Thread(target=slow_change)
    thread.start()
    try:
        assert recorded.wait(WAIT)
        assert not errors, errors
        with transaction.atomic():
            renamed_topic = fresh(topic)
            renamed_topic.name = "Health and care"
            renamed_topic.save()
        run_due_tasks()  # the worker runs the rename's drain
        # The rename's drain indexed the page as the open transaction had not changed it.
        before = indexed(es)[article.pk]
        assert before["title"] == "Trust talks about merger"
        assert before["topics"][0]["name"] == "Health and care"
    finally:
        renamed.set()
        thread.join(WAIT)
    assert not errors, errors
    run_due_tasks()  # the worker runs the change's drain, after the rename's

    documents = indexed(es)
    if change is unpublish:
        assert article.pk not in documents
    else:
        assert documents[article.pk]["title"] == "Trust finally agrees merger"
        assert documents[article.pk]["topics"][0]["name"] == "Health and care"

    changed = IndexChange.objects.filter(id__gt=last_row, reason="saved")
    rename_row = IndexChange.objects.get(id__gt=last_row, reason="taxonomy")
    # The premise: the change's rows were inserted first, but applied with later ticks.
    assert changed and all(row.id < rename_row.id for row in changed)
    assert all(row.applied_version > rename_row.applied_version for row in changed)
    assert not IndexChange.objects.pending().exists()
