"""Delete hourly read counts older than MOST_READ_KEEP_DAYS (run by `every_minute`)."""

from django.core.management.base import BaseCommand

from mostread.ranking import prune


class Command(BaseCommand):
    """Forget hourly read counts no top list needs any more."""

    help = __doc__

    def handle(self, **options):
        deleted = prune()
        if deleted and options["verbosity"] > 1:
            self.stdout.write(f"Deleted {deleted} old hourly read count(s).")
