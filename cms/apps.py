from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project app: shared page models, topics, authors, home page and settings."""

    name = "cms"
    verbose_name = "Publication"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import signals, sites

        signals.connect()
        sites.connect()
