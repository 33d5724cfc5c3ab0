"""Compare the search index with the database and report (or repair) differences."""

from django.core.management.base import BaseCommand, CommandError

from search import elastic
from search.drain import drain
from search.indexing import record
from search.indices import check
from search.models import IndexChange


class Command(BaseCommand):
    """Compare the search index with the database and report (or repair) differences."""

    help = (
        "Report the search cluster's health, check that the index holds exactly the live "
        "pages, and report the outbox. Exits with status 1 if anything is wrong (a red "
        "cluster included); --repair queues and applies the fixes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true")

    def handle(self, *args, **options):
        if not elastic.enabled():
            raise CommandError("ELASTICSEARCH_URL is not set: search uses the database.")
        try:
            cluster = elastic.cluster_health()
        except elastic.SearchUnavailable as exc:
            raise CommandError(str(exc)) from exc
        style = self.style.SUCCESS if cluster.status == "green" else self.style.WARNING
        self.stdout.write(style(f"Elasticsearch {cluster.summary}"))
        if not cluster.ok:
            raise CommandError(
                "The search cluster is red: part of the index has no copy on any node, so "
                "readers' searches fall back to the database. Start the missing nodes."
            )
        try:
            health = check()
        except elastic.library().ELASTIC_ERRORS as exc:
            raise CommandError(elastic.describe(exc)) from exc
        self.stdout.write(f"Alias {health.alias} → {', '.join(health.indices) or 'nothing'}")
        self.stdout.write(
            f"Documents: {health.documents:,} indexed, {health.expected:,} live pages"
        )
        self.stdout.write(
            f"Outbox: {health.pending_changes} pending, {health.failed_changes} failed"
        )
        for label, ids in (("Missing", health.missing), ("Should not be there", health.unexpected)):
            if ids:
                sample = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
                self.stdout.write(self.style.WARNING(f"{label} ({len(ids)}): page ids {sample}"))
        if health.ok:
            self.stdout.write(self.style.SUCCESS("The index matches the database."))
            return
        if options["repair"]:
            record(health.missing + health.unexpected, IndexChange.Reason.REBUILD)
            report = drain(respect_backoff=False, retry_failed=True, refresh=True)
            self.stdout.write(self.style.SUCCESS(f"Repaired: applied {report.applied} changes."))
            return
        raise CommandError("The index does not match the database (run with --repair).")
