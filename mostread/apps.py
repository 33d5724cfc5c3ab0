from django.apps import AppConfig


class MostReadConfig(AppConfig):
    """Most read: the readers' beacon, hourly read counts per item, the top lists and the
    dashboard panel."""

    name = "mostread"
    verbose_name = "Most read"
    default_auto_field = "django.db.models.BigAutoField"
