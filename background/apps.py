from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    """Work done off the request path, as tasks a worker runs (`manage.py db_worker`)."""

    name = "background"
    verbose_name = "Background work"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from background import workflow_emails

        workflow_emails.connect()
