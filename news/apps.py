from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News sections, articles, videos, topic and author pages, feeds and the API."""

    name = "news"
    verbose_name = "News"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from news.feeds import signals

        signals.connect()
