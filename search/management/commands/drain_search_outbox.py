"""Apply pending search changes (run every minute from cron, and after an outage)."""

from django.core.management.base import BaseCommand, CommandError

from search import elastic
from search.drain import drain, purge_applied


class Command(BaseCommand):
    """Apply pending search changes (run every minute from cron, and after an outage)."""

    help = (
        "Apply the search changes recorded while Elasticsearch was away or busy. Safe to run "
        "at any time and as often as you like; run it every minute from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Also retry changes Elasticsearch rejected too many times.",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=7,
            help="Delete applied changes older than this (default 7; kept to replay rebuilds).",
        )

    def handle(self, *args, **options):
        if not elastic.enabled():
            self.stdout.write("ELASTICSEARCH_URL is not set: nothing to drain.")
            return
        try:
            report = drain(respect_backoff=False, retry_failed=options["retry_failed"])
        except elastic.SearchUnavailable as exc:
            raise CommandError(f"{exc} The changes stay in the outbox.") from exc
        purged = purge_applied(options["keep_days"])
        self.stdout.write(
            f"Applied {report.applied} changes; {report.failed} failed; "
            f"{report.pending} pending; removed {purged} old applied changes."
        )
        if report.failed:
            raise CommandError("Some changes were rejected; see `check_search_index`.")
