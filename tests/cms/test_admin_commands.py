"""Periodic commands tell an operator reading cron mail what they did, one line per page."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from tests import factories


def run(command):
    out = StringIO()
    call_command(command, stdout=out)
    return out.getvalue().splitlines()


def test_publish_scheduled_says_what_it_published_and_unpublished(news_section):
    due = factories.make_article(title="Budget published at noon", publish=False)
    revision = due.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    expired = factories.make_article(title="Election results")
    expired.expire_at = timezone.now() - timedelta(minutes=5)
    expired.save()

    lines = run("publish_scheduled")

    assert len(lines) == 2
    assert lines[0].startswith(f"Unpublished “Election results” (page {expired.pk}, ")
    assert lines[1].startswith(f"Published “Budget published at noon” (article {due.pk}): ")
    due.refresh_from_db()
    assert due.live

    assert run("publish_scheduled") == ["Nothing was due to publish or unpublish."]
