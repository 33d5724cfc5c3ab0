"""The periodic work of the site, run once a minute by cron or a systemd timer."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from background.queue import requeue_stale


class Command(BaseCommand):
    """Put killed workers' tasks back in the queue, publish scheduled pages, apply search
    changes an Elasticsearch outage left pending, send due newsletters (one sender at a
    time: a lease row) and fold the change stamps' rows. Safe to run on several hosts."""

    help = __doc__

    def handle(self, **options):
        requeued = requeue_stale()
        if requeued:
            self.stdout.write(f"Put {requeued} task(s) of a dead worker back in the queue.")
        # Each step on its own: a failing one must not stop the others.
        failed = []
        for command in (
            "publish_scheduled",
            "drain_search_outbox",
            "send_newsletters",
            "compact_change_stamps",
        ):
            try:
                call_command(command, verbosity=options["verbosity"])
            except Exception as error:  # noqa: BLE001 - reported, and the next step runs
                failed.append(f"{command} failed: {error}")
        if failed:
            raise CommandError(" ".join(failed))
