"""Fold each scope's change-stamp rows into one (run by `every_minute`)."""

from django.core.management.base import BaseCommand

from cms import changes


class Command(BaseCommand):
    """Fold the rows every content event adds per scope into one row per scope, keeping
    each scope's version and last change (cms.changes.compact)."""

    help = __doc__

    def handle(self, **options):
        removed = changes.compact()
        if removed and options["verbosity"] > 1:
            self.stdout.write(f"Folded {removed} change stamp row(s).")
