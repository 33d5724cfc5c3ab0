"""Purging the caching proxy (Varnish) through Wagtail's frontend cache app."""

from django.db import transaction
from wagtail.contrib.frontend_cache.backends import HTTPBackend


class PurgeAfterCommitBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend, sending its purges once the publish has committed.

    Wagtail sends `page_published` inside the publish's transaction; Varnish fetches the
    fresh page the moment it gets the PURGE (deploy/varnish/default.vcl), so a purge sent
    before the commit would cache the old page again. Wagtail queues each purge as a task
    (wagtail.contrib.frontend_cache.tasks); with the database task backend the worker runs
    it, outside any transaction, so the purge goes at once and never holds up a publish.
    """

    def purge_batch(self, urls):
        urls, purge = list(urls), super().purge_batch
        transaction.on_commit(lambda: purge(urls))
