import sys

from django.apps import AppConfig
from django.conf import settings


def leave_out_postgres_fields():
    """Without a PostgreSQL database, make `django.contrib.postgres.fields` unimportable.

    Django REST framework (the API, cms/api_fields.py) tries to import it to map PostgreSQL's
    array and hstore fields, and so loads psycopg: some 11 MB in every process, for fields no
    model can have on SQLite. DRF takes the ImportError as "not available", as it would
    without psycopg installed.
    """
    engines = [database["ENGINE"] for database in settings.DATABASES.values()]
    if "django.contrib.postgres" in settings.INSTALLED_APPS or any(
        "postgresql" in engine or "postgis" in engine for engine in engines
    ):
        return
    sys.modules.setdefault("django.contrib.postgres.fields", None)


# At import, in the app registry's first phase: before any models module imports DRF.
leave_out_postgres_fields()


class CmsConfig(AppConfig):
    """The project app: shared page models, topics, authors, home page and settings."""

    name = "cms"
    verbose_name = "Publication"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import signals, sites

        signals.connect()
        sites.connect()
