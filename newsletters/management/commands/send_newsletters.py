"""manage.py send_newsletters: send due issues and topic alerts (cron, every minute)."""

from django.core.management.base import BaseCommand

from newsletters.sending import send_due
from newsletters.subscribing import purge_expired_signups


class Command(BaseCommand):
    """Run every minute from cron; a run that finds another still sending does nothing."""

    help = (
        "Start scheduled newsletter issues and due topic alerts, then send every unfinished "
        "send in batches through the email backend. Safe to run while another run is going."
    )

    def handle(self, **options):
        report = send_due()
        self.stdout.write(str(report))
        # Sign-ups whose link has expired can never be confirmed: forget the addresses.
        purge_expired_signups()
