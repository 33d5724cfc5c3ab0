"""Entries saved or deleted keep readers' copies fresh (live/changes.py)."""

from django.db.models.signals import post_delete, post_save

from live import changes
from live.models import LiveEntry, LivePage


def entry_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        changes.entries_changed(instance.page)


def entry_deleted(sender, instance, **kwargs):
    page = LivePage.objects.filter(pk=instance.page_id).first()
    if page is not None:  # not when the page itself is being deleted
        changes.entries_changed(page)


def connect():
    post_save.connect(entry_saved, sender=LiveEntry, dispatch_uid="live-entry-saved")
    post_delete.connect(entry_deleted, sender=LiveEntry, dispatch_uid="live-entry-deleted")
    changes.connect()
