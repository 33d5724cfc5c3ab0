"""manage.py export_comment_data EMAIL: everything we hold about a commenter, as JSON."""

import json

from django.core.management.base import BaseCommand
from django.core.validators import validate_email

from comments import privacy


class Command(BaseCommand):
    """Answer a subject access request for one email address."""

    help = "Print (or write to --output) all comments and personal data of one email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help="Write the JSON to this file instead of stdout.")

    def handle(self, email, output=None, **options):
        validate_email(email)
        data = json.dumps(privacy.export(email), indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(data + "\n")
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(data)
