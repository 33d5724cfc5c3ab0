"""Parallel first reads of one item in one hour: every one is counted, in one row (the
unique row per item and hour, created by one and incremented by the rest). The race for
the row's creation shows on PostgreSQL (its pass fails without the IntegrityError branch
of record_read). Not on SQLite: the test database there is in memory with a shared cache,
whose table locks fail a second writer at once ("database table is locked") instead of
making it wait, which says nothing about the site's file database."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from mostread import counting
from mostread.models import HourlyReads
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: runs in the PostgreSQL pass of make test",
    ),
]

READERS = 8


def test_parallel_reads_all_count_in_one_row(news_section):
    story = factories.make_article(title="Everyone reads this at once")
    start = threading.Barrier(READERS)
    errors = []

    def read():
        try:
            start.wait()
            counting.record_read(story.pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert list(HourlyReads.objects.values_list("page_id", "reads")) == [(story.pk, READERS)]
