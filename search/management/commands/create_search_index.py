"""Create the search index (and its alias) if it does not exist yet."""

from django.core.management.base import BaseCommand, CommandError

from search import elastic
from search.aliases import ensure_index, indices_behind_alias


class Command(BaseCommand):
    """Create the search index (and its alias) if it does not exist yet."""

    help = "Create an empty search index behind the alias if there is none (safe to repeat)."

    def handle(self, *args, **options):
        if not elastic.enabled():
            raise CommandError("ELASTICSEARCH_URL is not set: search uses the database.")
        try:
            existed = elastic.call(indices_behind_alias, respect_backoff=False, maintenance=True)
            name = elastic.call(ensure_index, respect_backoff=False, maintenance=True)
        except elastic.SearchUnavailable as exc:
            raise CommandError(str(exc)) from exc
        if existed:
            self.stdout.write(f"{elastic.alias()} already points at {name}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Created {name} behind {elastic.alias()}."))
            self.stdout.write("Fill it with `manage.py rebuild_search_index`.")
