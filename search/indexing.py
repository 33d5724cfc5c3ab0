"""Keeping the index in step with the CMS, through an outbox that survives outages.

1. Record. Model signals write an IndexChange row for every page whose document may have
   changed, inside the same database transaction as the change itself (Page.save() and
   deletes are atomic), so a change is recorded exactly when it is committed:
   - a ContentPage saved with live content (publish, unpublish, scheduled publish, expiry);
   - a ContentPage deleted;
   - a page moved (Wagtail's post_page_move): the page and every item beneath it, as
     their URLs change;
   - a topic or author renamed or deleted, and privacy settings changed: the pages affected.
2. Drain (search/drain.py). Once the transaction commits, Wagtail's page_published /
   page_unpublished / post_page_move signals (and the deletes above) queue a drain task
   (search/tasks.py) for the worker, so no request waits on Elasticsearch:
   pending rows are read, each page's *current* state is loaded, and documents are indexed
   or deleted in one bulk request. Every document carries an external version (a tick of
   the VersionClock taken before the state was read), so concurrent or late drains can
   never overwrite a newer state with an older one.
3. Retry. If Elasticsearch does not answer, rows stay pending and nothing is lost. They are
   drained by the drain task's retries (with backoff), by the next publish's drain (every
   drain takes all pending rows) and by `manage.py every_minute` (cron / the dev runner).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import Author, ContentPage, Topic
from search import elastic, tasks
from search.models import IndexChange

# Saves that touch only revision bookkeeping do not change what readers see.
BOOKKEEPING_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}
Reason = IndexChange.Reason


# 1. Record --------------------------------------------------------------------------------


def record(page_ids, reason):
    """Write outbox rows for `page_ids` in the current transaction (no-op without ES)."""
    if not elastic.enabled():
        return
    rows = [IndexChange(page_id=pk, reason=reason) for pk in dict.fromkeys(page_ids)]
    if rows:
        IndexChange.objects.bulk_create(rows)


def content_pages_within(page):
    """Ids of the ContentPages at or beneath `page`."""
    return ContentPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)


def on_content_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, ContentPage):
        return
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if instance.live or instance.first_published_at is not None:
        record([instance.pk], Reason.SAVED)


def on_content_deleted(sender, instance, **kwargs):
    record([instance.pk], Reason.DELETED)
    drain_after_commit()


def on_page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before != url_path_after:
        record(content_pages_within(instance), Reason.MOVED)
        drain_after_commit()


def on_taxonomy_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    if isinstance(instance, Topic):
        ids = instance.pages.values_list("pk", flat=True)
    else:
        ids = instance.page_links.values_list("page_id", flat=True)
    record(ids, Reason.TAXONOMY)
    drain_after_commit()


def on_taxonomy_deleting(sender, instance, **kwargs):
    # Before the delete, while the links to the pages still exist; the rows commit with it.
    on_taxonomy_saved(sender, instance)


def on_privacy_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        record(content_pages_within(page), Reason.PRIVACY)
        drain_after_commit()


def on_published_or_unpublished(sender, instance, **kwargs):
    if isinstance(instance, ContentPage):
        drain_after_commit()


def connect():
    """Connect the handlers (called once from SearchConfig.ready)."""
    post_save.connect(on_content_saved, dispatch_uid="search-content-saved")
    post_delete.connect(on_content_deleted, sender=ContentPage, dispatch_uid="search-deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="search-moved")
    page_published.connect(on_published_or_unpublished, dispatch_uid="search-published")
    page_unpublished.connect(on_published_or_unpublished, dispatch_uid="search-unpublished")
    for model in (Topic, Author):
        post_save.connect(on_taxonomy_saved, sender=model, dispatch_uid=f"search-{model}-saved")
        pre_delete.connect(
            on_taxonomy_deleting, sender=model, dispatch_uid=f"search-{model}-deleting"
        )
    post_save.connect(on_privacy_changed, sender=PageViewRestriction, dispatch_uid="search-pvr")
    post_delete.connect(
        on_privacy_changed, sender=PageViewRestriction, dispatch_uid="search-pvr-deleted"
    )


# 2. Drain ---------------------------------------------------------------------------------


class _DrainAfterCommit:
    """The drain callback of one transaction (knows whether it has run)."""

    ran = False

    def __call__(self):
        self.ran = True
        tasks.drain_search_outbox.enqueue()


def drain_after_commit():
    """Drain once the current transaction commits (at once outside a transaction)."""
    if not elastic.enabled():
        return
    connection = transaction.get_connection()
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _DrainAfterCommit) and not callback.ran:
            return  # one drain per transaction is enough: it takes every pending row
    transaction.on_commit(_DrainAfterCommit(), robust=True)
