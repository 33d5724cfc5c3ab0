"""Fixtures for background work tests: the session's Elasticsearch node, shared with
tests/search."""

from tests.search.conftest import elasticsearch_node  # noqa: F401 - a fixture, used by name
