"""manage.py erase_comment_data EMAIL: erase a commenter's comments and personal data."""

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments import privacy


class Command(BaseCommand):
    """Answer an erasure request for one email address."""

    help = (
        "Blank every comment written with this email address (name, email, IP address and "
        "text), delete reports against them, its comments waiting for confirmation and its "
        "rate-limit records. Cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, email, interactive=True, **options):
        validate_email(email)
        count = privacy.comments_of(email).count()
        if interactive:
            answer = input(f"Erase {count} comment(s) and all data of {email}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was erased.")
        erased = privacy.erase(email)
        summary = ", ".join(f"{number} {what}" for what, number in erased.items())
        self.stdout.write(f"Erased for {email}: {summary}.")
