"""Index names and the alias: readers and the outbox always use `<prefix>-content`, which
points at one versioned index, `<prefix>-content-<timestamp>`, at a time."""

from django.utils import timezone
from elasticsearch_dsl import Index

from search import elastic
from search.documents import INDEX_SETTINGS, ContentDocument


def new_index_name():
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    return f"{elastic.alias()}-{stamp}"


def index_definition(name):
    index = Index(name)
    index.settings(**INDEX_SETTINGS)
    index.document(ContentDocument)
    return index


def create_index(es, name, bulk_loading=False):
    """Create an empty versioned index; bulk_loading turns refresh off until it is done."""
    index = index_definition(name)
    if bulk_loading:
        index.settings(refresh_interval="-1")
    index.create(using=es)
    return name


def indices_behind_alias(es):
    """Names of the indices the alias points at (normally exactly one)."""
    if not es.indices.exists_alias(name=elastic.alias()):
        return []
    return sorted(es.indices.get_alias(name=elastic.alias()).body)


def ensure_index(es):
    """Make sure the alias exists, creating a first empty index if needed; returns its index."""
    current = indices_behind_alias(es)
    if current:
        return current[-1]
    if es.indices.exists(index=elastic.alias()):
        raise elastic.SearchUnavailable(
            f"{elastic.alias()} is an index, not an alias; delete it and run "
            "`manage.py rebuild_search_index`."
        )
    name = create_index(es, new_index_name())
    es.indices.put_alias(index=name, name=elastic.alias())
    return name
