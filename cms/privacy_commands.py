"""The shape of every app's privacy commands: export one address's data, erase it.

Each app (comments, newsletters) subclasses these with its own `export(email)` /
`erase(email)` and help text, so subject access and erasure requests work the same way
whichever app holds the data.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email


class ExportCommand(BaseCommand):
    """Print (or write to --output) export(email) as JSON."""

    def export(self, email):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", help="Write the JSON to this file instead of stdout.")

    def handle(self, email, output=None, **options):
        validate_email(email)
        data = json.dumps(self.export(email), indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(data + "\n")
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(data)


class EraseCommand(BaseCommand):
    """Ask (unless --noinput), then erase(email) and print what went."""

    def erase(self, email):
        raise NotImplementedError

    def question(self, email):
        return f"Erase all data of {email}?"

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
        if interactive:
            answer = input(f"{self.question(email)} Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was erased.")
        erased = self.erase(email)
        summary = ", ".join(f"{number} {what}" for what, number in erased.items())
        self.stdout.write(f"Erased for {email}: {summary}.")
