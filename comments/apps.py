from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Reader comments: our moderation rules, checks, admin area and privacy commands."""

    name = "comments"
    verbose_name = "Reader comments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from comments import receivers

        receivers.connect()
