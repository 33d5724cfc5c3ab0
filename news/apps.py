from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News sections, articles, videos, topic and author pages."""

    name = "news"
    verbose_name = "News"
    default_auto_field = "django.db.models.BigAutoField"
