from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """Email briefings: subscribers and their lists, issues editors write, and sending."""

    name = "newsletters"
    verbose_name = "Newsletters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsletters import checks, receivers  # noqa: F401 (checks registers itself)

        receivers.connect()
