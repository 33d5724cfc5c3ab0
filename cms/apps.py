from django.apps import AppConfig
from django.db.models.signals import post_save


class CmsConfig(AppConfig):
    """The project app: shared page models, topics, authors, home page and settings."""

    name = "cms"
    verbose_name = "Publication"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Site

        from cms.sites import sync_django_site

        post_save.connect(sync_django_site, sender=Site, dispatch_uid="cms-sync-django-site")
