"""manage.py erase_subscriber_data EMAIL: forget a subscriber."""

from cms.privacy_commands import EraseCommand
from newsletters import privacy


class Command(EraseCommand):
    """Answer an erasure request for one email address."""

    help = (
        "Delete the subscriber with this email address, their lists and waiting sign-ups; "
        "their past deliveries stay in the counts without them. Cannot be undone."
    )

    def question(self, email):
        return f"Erase every newsletter record of {email}?"

    def erase(self, email):
        return privacy.erase(email)
