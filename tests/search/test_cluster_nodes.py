"""ELASTICSEARCH_URL naming several nodes: every client uses them all (no node needed; the
three-node cluster itself is tests/search/test_elasticsearch_cluster.py)."""

import json
import logging
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from scripts._service import free_port
from search import elastic
from search.engines.elasticsearch import ElasticsearchEngine
from search.params import SearchParams
from search.query_text import parse_text


@pytest.fixture
def two_dead_nodes(settings):
    ports = [free_port(), free_port()]
    settings.ELASTICSEARCH_URL = f" http://127.0.0.1:{ports[0]} ,http://127.0.0.1:{ports[1]}"
    elastic.mark_up()
    yield ports
    elastic.mark_up()


def test_every_node_is_tried_and_each_outage_is_said_once(two_dead_nodes, caplog):
    first, second = two_dead_nodes
    assert elastic.urls() == [f"http://127.0.0.1:{first}", f"http://127.0.0.1:{second}"]
    engine = ElasticsearchEngine()
    with caplog.at_level(logging.WARNING, logger="search"):
        with pytest.raises(elastic.SearchUnavailable, match="No Elasticsearch node answers"):
            engine.search(SearchParams(text="council"), parse_text("council", groups=[]))
        with pytest.raises(elastic.SearchUnavailable, match="No Elasticsearch node answers"):
            elastic.cluster_health()
    for port in (first, second):
        line = f"Elasticsearch node 127.0.0.1:{port} is unavailable; searching on the other 1."
        assert caplog.text.count(line) == 1


def test_wagtail_admin_search_gets_every_node():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps(s.WAGTAILSEARCH_BACKENDS['default']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "ELASTICSEARCH_URL": "http://es1:9200, http://es2:9200,http://es3:9200",
        },
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    backend = json.loads(result.stdout)
    assert backend["URLS"] == ["http://es1:9200", "http://es2:9200", "http://es3:9200"]
    assert backend["OPTIONS"] == {"max_retries": 2, "retry_on_timeout": True}
