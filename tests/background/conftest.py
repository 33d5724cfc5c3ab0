"""Fixtures for background work tests: Elasticsearch (a real node, or a dead port), shared
with tests/search."""

from tests.search.conftest import dead_elasticsearch, elasticsearch_node  # noqa: F401 - fixtures
