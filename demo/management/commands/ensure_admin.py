"""Make sure the demo has an administrator, and say how to log in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the demo superuser 'admin' once, with a random password kept in var/."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only the login")

    def handle(self, *args, **options):
        password_file = Path(settings.BASE_DIR) / "var" / "admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
            if user is None:
                user = User(username="admin", email="admin@publicsectortoday.example")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
        password = password_file.read_text().strip()
        login = f"log in as admin / {password}"
        self.stdout.write(login if options["quiet"] else f"Admin: {login}")
