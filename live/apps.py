from django.apps import AppConfig


class LiveConfig(AppConfig):
    """Live coverage: live pages, their entries, the updates endpoint and the entries' feed."""

    name = "live"
    verbose_name = "Live coverage"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from live import signals

        signals.connect()
