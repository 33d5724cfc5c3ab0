"""Wagtail's own search (the admin's page search) on its Elasticsearch 8 backend, against
the real node: with ELASTICSEARCH_URL set, cms.settings.base points Wagtail at it."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from elasticsearch import Elasticsearch
from lxml import html
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests import factories
from tests.background.helpers import run_due_tasks
from tests.search.conftest import SESSION_PREFIX

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def wagtail_on_elasticsearch(elasticsearch_node, sections):
    prefix = f"{SESSION_PREFIX}-wagtail-"
    backends = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [elasticsearch_node.url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 30,
        }
    }
    client = Elasticsearch(elasticsearch_node.url, request_timeout=30)

    def refresh():
        client.indices.refresh(index=f"{prefix}*")

    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield get_search_backend(), refresh
    client.options(ignore_status=404).indices.delete(index=f"{prefix}*")


def test_update_index_then_publishing_keeps_wagtail_admin_search_right(
    wagtail_on_elasticsearch, admin_client
):
    factories.make_article(title="Procurement framework for council software")
    call_command("update_index", stdout=io.StringIO())
    backend, refresh_index = wagtail_on_elasticsearch
    # Published after the rebuild: Wagtail's signal handlers queue its indexing, which the
    # worker runs straight away.
    later = factories.make_article(title="Procurement rules change for mayors")
    run_due_tasks()
    refresh_index()

    found = {page.title for page in backend.search("procurement", Page)}
    assert found == {
        "Procurement framework for council software",
        "Procurement rules change for mayors",
    }
    response = admin_client.get("/admin/pages/search/", {"q": "procurement"})
    assert response.status_code == 200
    titles = {
        " ".join(link.text_content().split())
        for link in html.fromstring(response.content).xpath("//table//a[contains(@href,'/edit/')]")
    }
    assert "Procurement rules change for mayors" in titles
    # Autocomplete (edge n-grams on titles) works on this distribution too.
    assert {page.title for page in backend.autocomplete("procur", Page)} == found

    later.delete()
    run_due_tasks()
    refresh_index()
    assert {page.title for page in backend.search("procurement", Page)} == {
        "Procurement framework for council software"
    }
