"""manage.py purge_comment_ips: forget commenters' IP addresses after the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments import privacy


class Command(BaseCommand):
    """Run daily (cron) to keep IP addresses no longer than COMMENTS_IP_RETENTION_DAYS."""

    help = "Clear IP addresses (and hashes made from them) older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep this many days (default COMMENTS_IP_RETENTION_DAYS, now "
            f"{settings.COMMENTS_IP_RETENTION_DAYS}).",
        )

    def handle(self, days=None, **options):
        purged = privacy.purge_ip_addresses(days)
        summary = ", ".join(f"{number} {what}" for what, number in purged.items())
        self.stdout.write(f"Cleared IP data from {summary}.")
