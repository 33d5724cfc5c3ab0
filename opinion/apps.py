from django.apps import AppConfig


class OpinionConfig(AppConfig):
    """The "Last word" opinion column."""

    name = "opinion"
    verbose_name = "Opinion"
    default_auto_field = "django.db.models.BigAutoField"
