"""Load realistic demo content; safe to run again (it adds nothing twice).

It refuses a database that holds content it did not create (demo/ownership.py).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo import ownership
from demo.builder import DemoBuilder


class Command(BaseCommand):
    help = (
        "Create the demo publication: sections, 10 topics, 14 authors, 64 articles, 7 last "
        "word columns, 5 videos and a scheduled story. --articles N adds N more articles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="The site's host name")
        parser.add_argument("--port", type=int, default=8000, help="The site's port")
        parser.add_argument(
            "--articles", type=int, default=0, help="Also add this many articles (scale tests)"
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        if options["articles"] < 0:
            raise CommandError("--articles must be zero or more.")
        found = ownership.claim(options["host"])
        if found:
            listed = ", ".join(f"{count} {label}" for label, count in found.items())
            raise CommandError(
                f"This database already holds content seed_demo did not create ({listed}). "
                "seed_demo publishes fake stories, creates accounts with published passwords "
                "and points the default site at its own host, so it only runs on an empty "
                "database or one it seeded. Point DATABASE_URL at a new database to try the "
                "demo."
            )
        builder = DemoBuilder(stdout=self.stdout)
        started = time.monotonic()
        builder.build(hostname=options["host"], port=options["port"])
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({time.monotonic() - started:.1f}s)")
        )
        if options["articles"]:
            started = time.monotonic()

            def progress(done, total):
                elapsed = time.monotonic() - started
                rate = done / elapsed if elapsed else 0
                self.stdout.write(f"  {done:>7}/{total} articles ({rate:,.0f}/s)")

            builder.add_bulk_articles(
                options["articles"], batch_size=options["batch_size"], progress=progress
            )
            # Fresh planner statistics: without them SQLite picks poor plans at this size.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {options['articles']} articles in {time.monotonic() - started:.1f}s"
                )
            )
