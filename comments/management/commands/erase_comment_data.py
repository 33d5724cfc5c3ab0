"""manage.py erase_comment_data EMAIL: erase a commenter's comments and personal data."""

from cms.privacy_commands import EraseCommand
from comments import privacy


class Command(EraseCommand):
    """Answer an erasure request for one email address."""

    help = (
        "Blank every comment written with this email address (name, email, IP address and "
        "text), delete reports against them, its comments waiting for confirmation and its "
        "rate-limit records. Cannot be undone."
    )

    def question(self, email):
        count = privacy.comments_of(email).count()
        return f"Erase {count} comment(s) and all data of {email}?"

    def erase(self, email):
        return privacy.erase(email)
