"""The search outbox on the database: what is recorded, when, and that an outage loses nothing.

These tests point ELASTICSEARCH_URL at a port where nothing listens, so they need no node
and run on SQLite and PostgreSQL alike.
"""

import time
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from lxml import html
from wagtail.models import PageViewRestriction

from news.models import NewsIndexPage
from search.models import IndexChange
from tests import factories
from tests.background.helpers import run_due_tasks
from tests.search.conftest import fresh

pytestmark = pytest.mark.django_db


def pending(reason=None):
    rows = IndexChange.objects.filter(processed_at=None)
    if reason:
        rows = rows.filter(reason=reason)
    return sorted(set(rows.values_list("page_id", flat=True)))


def test_nothing_is_recorded_without_elasticsearch(newsroom):
    fresh(newsroom.homes).save_revision().publish()
    fresh(newsroom.bins).unpublish()
    assert not IndexChange.objects.exists()


def test_publishing_records_the_change_and_keeps_it_through_an_outage(
    dead_elasticsearch, newsroom, django_capture_on_commit_callbacks, new_transaction
):
    new_transaction()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        homes = fresh(newsroom.homes)
        homes.title = "Housing association builds 500 homes"
        homes.save_revision().publish()
    published_in = time.monotonic() - started
    drains = DBTaskResult.objects.filter(task_path="search.tasks.drain_search_outbox")
    assert drains.get().status == "READY"  # queued for the worker; the publish did not wait
    assert published_in < 2

    run_due_tasks()  # the worker: Elasticsearch is down

    failed = drains.get(status="FAILED")
    assert failed.exception_class_path == "search.elastic.SearchUnavailable"
    retry = drains.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert timedelta(seconds=20) < retry.run_after - timezone.now() <= timedelta(seconds=30)
    row = IndexChange.objects.get(page_id=newsroom.homes.pk)
    assert row.processed_at is None
    assert "unreachable" in row.last_error
    assert row.attempts == 0  # an outage is not the change's fault


def test_the_record_commits_or_rolls_back_with_the_page(dead_elasticsearch, newsroom):
    with transaction.atomic():
        fresh(newsroom.homes).save_revision().publish()
        assert pending() == [newsroom.homes.pk]  # written inside the transaction
        transaction.set_rollback(True)
    assert pending() == []


def test_draft_edits_are_not_recorded(dead_elasticsearch, newsroom):
    homes = fresh(newsroom.homes)
    homes.title = "Draft headline"
    homes.save_revision()
    assert pending() == []
    factories.make_article(title="A new draft", publish=False)
    assert pending() == []


def test_unpublish_delete_and_move_are_recorded(dead_elasticsearch, newsroom):
    fresh(newsroom.bins).unpublish()
    assert pending("saved") == [newsroom.bins.pk]
    fresh(newsroom.pay).delete()
    assert pending("deleted") == [newsroom.pay.pk]
    # Moving a section moves (and re-addresses) every story in it.

    other = factories.make_section(NewsIndexPage, "Archive", "archive")
    fresh(newsroom.homes).move(other, pos="last-child")
    assert pending("moved") == [newsroom.homes.pk]
    news = NewsIndexPage.objects.get(slug="news")
    news.move(other, pos="last-child")
    assert set(pending("moved")) >= {newsroom.budget.pk, newsroom.waiting.pk}


def test_taxonomy_and_privacy_changes_are_recorded(dead_elasticsearch, newsroom, new_transaction):
    new_transaction()  # each change below is an editor's request: a transaction of its own
    finance = fresh(newsroom.finance)
    finance.name = "Public finance"
    finance.save()
    assert pending("taxonomy") == sorted([newsroom.budget.pk, newsroom.pay.pk, newsroom.bins.pk])
    IndexChange.objects.all().delete()
    new_transaction()
    fresh(newsroom.asha).delete()
    assert pending("taxonomy") == sorted(
        [newsroom.budget.pk, newsroom.homes.pk, newsroom.column.pk]
    )
    IndexChange.objects.all().delete()
    new_transaction()
    PageViewRestriction.objects.create(
        page=newsroom.video, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert pending("privacy") == [newsroom.video.pk]


def test_commands_report_an_outage_and_keep_the_changes(dead_elasticsearch, newsroom):
    fresh(newsroom.homes).save_revision().publish()
    with pytest.raises(CommandError, match="unreachable.*stay in the outbox"):
        call_command("drain_search_outbox")
    with pytest.raises(CommandError, match="unreachable"):
        call_command("check_search_index")
    with pytest.raises(CommandError, match="unreachable"):
        call_command("rebuild_search_index")
    assert pending() == [newsroom.homes.pk]


def test_pages_still_answer_while_elasticsearch_is_down(client, dead_elasticsearch, newsroom):
    response = client.get("/search/", {"q": "homes"})
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    assert "simpler mode" in tree.xpath("//p[@class='notice']")[0].text_content()
    titles = [a.text_content() for a in tree.xpath("//ol[contains(@class,'search-results')]//h2/a")]
    assert titles == ["Why councils must build homes again", "Housing association builds 400 homes"]
    facets = tree.xpath("//nav[@aria-labelledby='facet-topic']//li")
    assert facets, "facets still come from the database"

    data = client.get("/search/autocomplete/", {"q": "housing"}).json()
    assert {item["title"] for item in data["results"]} == {
        "Housing association builds 400 homes",
        "Councils approve budget for new social housing",
    }

    article = client.get(newsroom.budget.url)
    assert article.status_code == 200
    assert b"related-articles-heading" in article.content  # shared topics instead of MLT
