from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search, Elasticsearch documents and focus pages."""

    name = "search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Here, not at the top: what it imports uses models, loaded only once the app
        # registry is ready.
        from search import changes, indexing

        changes.connect()
        indexing.connect()
