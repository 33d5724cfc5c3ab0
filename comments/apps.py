from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Reader comments: our moderation rules, checks, admin area and privacy commands."""

    name = "comments"
    verbose_name = "Reader comments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Here, not at the top: what it imports uses models, loaded only once the app
        # registry is ready.
        from comments import receivers

        receivers.connect()
