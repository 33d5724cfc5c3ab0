"""Entries saved or deleted, and live pages published, keep readers' copies fresh."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from live.changes import entries_changed, purge_live_coverage
from live.feeds import stamp_key
from live.models import LiveEntry, LivePage
from news.feeds import stamps


def entry_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        entries_changed(instance.page)


def entry_deleted(sender, instance, **kwargs):
    page = LivePage.objects.filter(pk=instance.page_id).first()
    if page is not None:  # not when the page itself is being deleted
        entries_changed(page)


def live_page_published(sender, instance, **kwargs):
    # Closing or retitling the coverage: polling readers learn it from the endpoint.
    stamps.bump([stamp_key(instance.pk)])
    purge_live_coverage(instance)


def connect():
    post_save.connect(entry_saved, sender=LiveEntry, dispatch_uid="live-entry-saved")
    post_delete.connect(entry_deleted, sender=LiveEntry, dispatch_uid="live-entry-deleted")
    page_published.connect(live_page_published, sender=LivePage, dispatch_uid="live-published")
    page_unpublished.connect(live_page_published, sender=LivePage, dispatch_uid="live-unpub")
