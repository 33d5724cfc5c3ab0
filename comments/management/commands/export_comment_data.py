"""manage.py export_comment_data EMAIL: everything we hold about a commenter, as JSON."""

from cms.privacy_commands import ExportCommand
from comments import privacy


class Command(ExportCommand):
    """Answer a subject access request for one email address."""

    help = "Print (or write to --output) all comments and personal data of one email address."

    def export(self, email):
        return privacy.export(email)
