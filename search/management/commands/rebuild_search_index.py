"""Rebuild the search index from the database with no downtime."""

from django.core.management.base import BaseCommand, CommandError

from search import elastic
from search.indices import rebuild
from search.management.progress import ProgressBar


class Command(BaseCommand):
    """Rebuild the search index from the database with no downtime."""

    help = (
        "Index every live page into a new versioned index, then move the alias to it in one "
        "step, so searches never see a half-built index. Changes published meanwhile are "
        "replayed from the outbox."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--keep-old", action="store_true", help="Keep the previous index (for rollback)."
        )

    def handle(self, *args, **options):
        if not elastic.enabled():
            raise CommandError("ELASTICSEARCH_URL is not set: search uses the database.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        progress = ProgressBar(self.stdout, "Indexing")
        try:
            report = rebuild(
                progress=progress, batch_size=options["batch_size"], keep_old=options["keep_old"]
            )
        except elastic.SearchUnavailable as exc:
            raise CommandError(str(exc)) from exc
        except elastic.library().ELASTIC_ERRORS as exc:
            raise CommandError(elastic.describe(exc)) from exc
        progress.finish()
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {report.documents:,} documents into {report.index} in "
                f"{report.seconds:.1f}s ({report.rate:,.0f} documents/s); "
                f"{elastic.alias()} now points at it."
            )
        )
        if report.removed:
            self.stdout.write(f"Removed the old index: {', '.join(report.removed)}.")
        if report.replayed:
            self.stdout.write(f"Replayed {report.replayed} changes made during the rebuild.")
