"""manage.py export_subscriber_data EMAIL: everything we hold about a subscriber, as JSON."""

from cms.privacy_commands import ExportCommand
from newsletters import privacy


class Command(ExportCommand):
    """Answer a subject access request for one email address."""

    help = "Print (or write to --output) the lists, sign-ups and messages of one address."

    def export(self, email):
        return privacy.export(email)
