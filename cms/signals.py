"""Publishing events that make cached pages and feeds stale."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.cache import bump_content_version


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()


def connect():
    from cms.models import Author, SiteSettings, Topic

    page_published.connect(bump_content_version, dispatch_uid="cms-cache-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="cms-cache-unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid="cms-cache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="cms-cache-deleted")
    for model in (Topic, Author, SiteSettings, PageViewRestriction):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"cms-cache-{model}")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"cms-cache-del-{model}"
        )
