"""Bump feed stamps when something a feed shows is published, unpublished, moved or changed.

Connected in NewsConfig.ready(). A content page's topics and authors can change when it
is republished, so the feeds it was in are read just before the publishing save and
bumped together with the feeds it is in afterwards.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import Author, ContentPage, SiteSettings, Topic
from news.feeds import stamps


def remember_feeds_before_publish(sender, instance, update_fields=None, raw=False, **kwargs):
    # Publishing saves the whole page; draft saves pass update_fields and change no feed.
    if raw or update_fields is not None or not isinstance(instance, ContentPage):
        return
    if instance.pk and Page.objects.filter(pk=instance.pk, live=True).exists():
        instance._feed_keys_before = stamps.keys_for_content(instance)


def page_published_or_unpublished(sender, instance, **kwargs):
    if isinstance(instance, ContentPage):
        keys = stamps.keys_for_content(instance)
        keys |= getattr(instance, "_feed_keys_before", set())
        stamps.bump(keys)
    else:
        # A section or focus page retitled or unpublished: its own feed changes.
        stamps.bump([stamps.page_key(instance.pk), stamps.GLOBAL])


def page_moved(sender, instance, parent_page_before=None, **kwargs):
    if issubclass(instance.specific_class or Page, ContentPage):
        keys = stamps.keys_for_content(instance)
        if parent_page_before is not None:
            keys.add(stamps.page_key(parent_page_before.pk))
        stamps.bump(keys)
    else:
        stamps.bump([stamps.GLOBAL])


def live_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        stamps.bump([stamps.GLOBAL])


# Wagtail fills these in lazily while making renditions (even while a feed is being
# built); they change nothing a feed shows.
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def shared_metadata_changed(
    sender, instance=None, raw=False, created=False, update_fields=None, **kwargs
):
    # Topic and author names, site settings and images appear in every feed. Something
    # new (a topic, an image, settings made with their defaults) is in no feed yet.
    if raw or created or (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    stamps.bump([stamps.GLOBAL])


def connect():
    pre_save.connect(remember_feeds_before_publish, dispatch_uid="feeds-before-publish")
    page_published.connect(page_published_or_unpublished, dispatch_uid="feeds-published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="feeds-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="feeds-moved")
    pre_delete.connect(live_page_deleted, dispatch_uid="feeds-page-deleted")
    for model in (Topic, Author, SiteSettings, Site, get_image_model()):
        uid = f"feeds-{model._meta.label_lower}"
        post_save.connect(shared_metadata_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(shared_metadata_changed, sender=model, dispatch_uid=f"{uid}-deleted")
