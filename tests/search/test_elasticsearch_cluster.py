"""Search on a three-node Elasticsearch cluster survives losing a node.

The cluster (scripts/elasticsearch_node.py, ElasticsearchCluster) holds our index with one
replica. The node holding its primary is killed while readers search and an editor
publishes: every search is answered by Elasticsearch (never the database fallback), the
publish reaches the index at once (the replica takes over), the node is started again and
rejoins, the cluster is green again, and operators read what happened in the log.
"""

import logging
import threading
import time
import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command

from search import elastic
from search.aliases import ensure_index
from search.drain import drain
from search.engines.elasticsearch import ElasticsearchEngine
from search.models import IndexChange
from search.params import SearchParams
from search.query_text import parse_text
from tests import factories
from tests.background.helpers import run_due_tasks

pytestmark = [pytest.mark.elasticsearch, pytest.mark.escluster]

WAIT = 120  # seconds; generous for a busy machine, never reached when all goes well
READERS = 2


@pytest.fixture
def cluster_es(elasticsearch_cluster, settings, db):
    """Search on the three-node cluster with a fresh, empty index; yields the client."""
    settings.ELASTICSEARCH_URL = elasticsearch_cluster.url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-cluster-{uuid.uuid4().hex[:8]}"
    elastic.mark_up()
    client = elastic.maintenance_client()
    ensure_index(client)
    yield client
    client.options(ignore_status=404).indices.delete(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*"
    )
    cache.clear()


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT}s for {what}")
        time.sleep(0.2)


def cluster_nodes():
    """How many nodes the cluster has now (0 while it elects a new master)."""
    try:
        return elastic.cluster_health().nodes
    except elastic.SearchUnavailable:
        return 0


def shard_copies(es):
    """[(primary or replica, state, node name)] of the index behind the alias."""
    rows = es.cat.shards(index=elastic.alias(), format="json", h="prirep,state,node").body
    return sorted((row["prirep"], row["state"], row["node"]) for row in rows)


class Readers:
    """Threads searching the cluster without pause, as readers do; each answer's total or
    the error it raised is kept."""

    def __init__(self, text):
        self.params = SearchParams(text=text)
        # Parsed here (synonyms are read from the database; these threads use none).
        self.query = parse_text(text, groups=[])
        self.totals, self.errors = [], []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read) for _ in range(READERS)]

    def read(self):
        engine = ElasticsearchEngine()
        while not self.stopping.is_set():
            try:
                self.totals.append(engine.search(self.params, self.query).total)
            except Exception as exc:  # noqa: BLE001 - every failure is reported by the test
                self.errors.append(exc)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        wait_until(lambda: len(self.totals) >= 5, "the readers' first answers")
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        for thread in self.threads:
            thread.join(WAIT)


def test_losing_the_node_with_the_primary(
    elasticsearch_cluster,
    cluster_es,
    sections,
    client,
    caplog,
    capsys,
    django_capture_on_commit_callbacks,
):
    es = cluster_es
    # Published as an editor would (drained on commit), so the test's own transaction holds
    # no drain still waiting for a commit that never comes.
    with django_capture_on_commit_callbacks(execute=True):
        stories = [factories.make_article(title=f"Council budget story {n}") for n in range(5)]
    drain(refresh=True)
    es.cluster.health(index=elastic.alias(), wait_for_status="green", timeout="60s")
    copies = shard_copies(es)
    # One primary and one replica, on two different nodes.
    assert [(kind, state) for kind, state, _node in copies] == [
        ("p", "STARTED"),
        ("r", "STARTED"),
    ]
    assert copies[0][2] != copies[1][2]
    victim = elasticsearch_cluster.node_named(copies[0][2])
    assert elastic.cluster_health().status == "green"

    with caplog.at_level(logging.INFO, logger="search"), Readers("council budget") as readers:
        victim.kill()
        wait_until(lambda: cluster_nodes() == 2, "the cluster to notice")

        # Readers of the search page are answered by Elasticsearch, not the database.
        for _ in range(5):
            response = client.get("/search/", {"q": "council budget"})
            assert b'data-engine="elasticsearch"' in response.content
            assert response.context["results"].total == len(stories)

        # The editor's publish reaches the index at once: the replica took over.
        with django_capture_on_commit_callbacks(execute=True):
            published = factories.make_article(title="Council budget published meanwhile")
        run_due_tasks()  # the worker drains the outbox the publish queued
        assert not IndexChange.objects.pending().exists()

        health = elastic.cluster_health()
        assert (health.status, health.nodes, health.unassigned_replica_shards) == (
            "yellow",
            2,
            1,
        )
        assert not health.unassigned_primary_shards

        victim.restart(timeout=180)
        health = elastic.cluster_health(wait_for_status="green", wait_seconds=90)
        assert (health.status, health.nodes) == ("green", 3)
        # The client tries the node again after its back-off and finds it answering.
        wait_until(lambda: "answers again" in caplog.text, "the client to use the node again")

    assert readers.errors == []
    assert len(readers.totals) > 20
    # Every answer is complete: one of the shard's two copies always answered.
    assert set(readers.totals) <= {len(stories), len(stories) + 1}
    es.indices.refresh(index=elastic.alias())
    hits = ElasticsearchEngine().search(
        SearchParams(text="published meanwhile"), parse_text("published meanwhile", groups=[])
    )
    assert hits.ids == [published.pk]

    address = victim.url.removeprefix("http://")
    log = caplog.text
    assert f"Elasticsearch node {address} is unavailable; searching on the other 2." in log
    assert "cluster health yellow: 2 nodes, 1 unassigned replica shard (was " in log
    assert "cluster health green: 3 nodes (was yellow)" in log
    assert f"Elasticsearch node {address} answers again." in log

    call_command("check_search_index")
    output = capsys.readouterr().out
    assert "Elasticsearch cluster health green: 3 nodes" in output
    assert "The index matches the database." in output
