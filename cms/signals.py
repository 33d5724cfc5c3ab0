"""Content events, turned into the change pipeline's events (cms/changes.py), and what the
pages and listings of cms make stale."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from cms import changes
from cms.changes import Event

# Saves that touch only bookkeeping change nothing readers see: revision bookkeeping on
# pages, and what Wagtail fills in lazily on images while making renditions.
BOOKKEEPING_FIELDS = {
    "comments",
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "file_size",
    "file_hash",
}


def _within(page):
    """The pages at or beneath `page`, as the database has them now."""
    return list(Page.objects.filter(path__startswith=page.path).specific(defer=True))


def _content(pages, reason="saved"):
    """A content event; `reason` says why the search documents changed (None: they did not,
    this is the state before a change recorded again after it)."""
    changes.record(Event.CONTENT, pages=pages, reason=reason)


# Wagtail and Django signals -> events -------------------------------------------------------


def before_publish(sender, instance, update_fields=None, raw=False, **kwargs):
    # Publishing saves the whole page; draft saves pass update_fields. A live page's
    # topics, authors and URL may change: what it was in is stale too.
    if raw or update_fields is not None or not isinstance(instance, Page) or not instance.pk:
        return
    before = Page.objects.filter(pk=instance.pk, live=True).specific(defer=True).first()
    if before is None:
        return
    if transaction.get_connection().in_atomic_block:
        _content([before], reason=None)  # the search document follows the state after
    else:
        # Outside a transaction the event would apply at once, before the save: the purge
        # would reach the proxy while the old page is still what it fetches. Recorded just
        # after the row is saved instead (saved_live_page), while the item's topics and
        # authors are still those it had (modelcluster writes them after the row).
        instance._live_before = before


def saved_live_page(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_live_before", None)
    if before is not None:
        _content([before], reason=None)


def published_or_unpublished(sender, instance, **kwargs):
    _content([Page.objects.specific(defer=True).get(pk=instance.pk)])


def before_move(sender, instance, **kwargs):
    _content(_within(instance), reason=None)  # the search documents follow the move


def moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before != url_path_after:
        _content(_within(Page.objects.get(pk=instance.pk)), reason="moved")


def before_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        _content([instance], reason="deleted")


def taxonomy_changed(sender, instance, created=False, raw=False, **kwargs):
    from cms.models import ContentPage, Topic

    if raw or created:
        return
    if isinstance(instance, Topic):
        pages = ContentPage.objects.filter(topics=instance, live=True)
    else:
        pages = ContentPage.objects.filter(author_links__author=instance, live=True)
    with transaction.atomic():  # one set for both events
        changes.record(Event.TAXONOMY, snippet=instance)
        _content(list(pages.distinct()), reason="taxonomy")


def privacy_changed(sender, instance, raw=False, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if not raw and page is not None:
        changes.record(Event.PRIVACY, pages=_within(page))


def shared_metadata_changed(sender, raw=False, created=False, update_fields=None, **kwargs):
    # Something new (an image, settings made with their defaults) is shown nowhere yet.
    if raw or created or (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    changes.record(Event.SETTINGS)


def site_changed(sender, raw=False, **kwargs):
    """A Wagtail Site made, changed or deleted: which site answers which host, and its root,
    are remembered per process under the `all` scope (cms/routing.py), a new site too."""
    if not raw:
        changes.record(Event.SETTINGS)


# What cms shows -------------------------------------------------------------------------------


def _listings(pages, affected):
    """The pages themselves and the listings that show them: their sections and the home
    page (ancestors), their topics' and authors' pages. Returns the content pages."""
    from cms.models import Author, ContentPage, Topic

    content = [page for page in pages if isinstance(page, ContentPage)]
    for page in pages:
        if page.url_path and (url := page.get_full_url()):
            affected.urls.add(url)
    paths = {page.path for page in pages}
    ancestors = Page.objects.none()
    for path in paths:
        ancestors |= Page.objects.filter(
            path__in=[path[:n] for n in range(Page.steplen * 2, len(path), Page.steplen)]
        )
    for ancestor in ancestors.filter(live=True):
        affected.urls.add(ancestor.get_full_url())
    ids = [page.pk for page in content]
    topics = Topic.objects.filter(pages__pk__in=ids).distinct()
    authors = Author.objects.filter(page_links__page_id__in=ids).distinct()
    for snippet in (*topics, *authors):
        affected.add_path(snippet.get_absolute_url())
    return content, topics, authors


def item_scopes(pages, topics, authors):
    """The scopes showing these pages: their own, their sections', their topics' and
    authors' (the feeds and fragments that list them), and the site's."""
    scopes = {changes.SITE}
    for page in pages:
        scopes.add(changes.page_scope(page.pk))
        ancestors = Page.objects.ancestor_of(page).values_list("pk", flat=True)
        scopes.update(changes.page_scope(pk) for pk in ancestors)
    scopes.update(changes.topic_scope(topic.pk) for topic in topics)
    scopes.update(changes.author_scope(author.pk) for author in authors)
    return scopes


def collect_pages(sender, affected, pages=(), reason="saved", **details):
    """A content event: the pages, their listings, their scopes and search documents."""
    content, topics, authors = _listings(pages, affected)
    affected.scopes.update(item_scopes(pages, topics, authors))
    if sender == Event.PRIVACY:
        reason = "privacy"
    for page in content if reason else ():
        affected.pages.setdefault(page.pk, reason)
    if any(page.depth <= 3 for page in pages):  # the home page or a section: the menu
        affected.scopes.add(changes.NAVIGATION)
    if sender == Event.PRIVACY:
        affected.scopes.add(changes.PRIVACY)


def collect_taxonomy(sender, affected, snippet, **details):
    """A topic or author renamed or deleted: its page and the index of them all (the items
    under it are a content event of their own)."""
    from cms.models import Topic

    scope = changes.topic_scope if isinstance(snippet, Topic) else changes.author_scope
    affected.scopes.add(scope(snippet.pk))
    affected.add_path(snippet.get_absolute_url())
    affected.add_path(snippet.get_absolute_url().rsplit("/", 2)[0] + "/")  # /topics/, /authors/


def collect_settings(sender, affected, **details):
    """Names and settings every feed shows. Pages show them in blocks with a short proxy
    lifetime, like the navigation, so nothing is purged site-wide."""
    affected.scopes.add(changes.EVERYTHING)


def collect_comment(sender, affected, page, **details):
    """A comment: its item's page and the listings whose teasers show its count."""
    _listings([page], affected)
    affected.scopes.update((changes.COMMENTS, changes.comments_scope(page.pk)))


def connect():
    from cms.models import Author, SiteSettings, Topic

    pre_save.connect(before_publish, dispatch_uid="changes-before-publish")
    post_save.connect(saved_live_page, dispatch_uid="changes-saved-live-page")
    page_published.connect(published_or_unpublished, dispatch_uid="changes-published")
    page_unpublished.connect(published_or_unpublished, dispatch_uid="changes-unpublished")
    pre_page_move.connect(before_move, dispatch_uid="changes-before-move")
    post_page_move.connect(moved, dispatch_uid="changes-moved")
    pre_delete.connect(before_delete, dispatch_uid="changes-deleting")
    for model in (Topic, Author):
        post_save.connect(taxonomy_changed, sender=model, dispatch_uid=f"changes-{model}-saved")
        # Before the delete, while the links to the pages still exist.
        pre_delete.connect(taxonomy_changed, sender=model, dispatch_uid=f"changes-{model}-del")
    post_save.connect(privacy_changed, sender=PageViewRestriction, dispatch_uid="changes-pvr")
    post_delete.connect(privacy_changed, sender=PageViewRestriction, dispatch_uid="changes-pvr-d")
    for model in (SiteSettings, get_image_model()):
        uid = f"changes-{model._meta.label_lower}"
        post_save.connect(shared_metadata_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(shared_metadata_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    post_save.connect(site_changed, sender=Site, dispatch_uid="changes-site-saved")
    post_delete.connect(site_changed, sender=Site, dispatch_uid="changes-site-deleted")

    changes.collect.connect(collect_pages, sender=Event.CONTENT, dispatch_uid="cms-content")
    changes.collect.connect(collect_pages, sender=Event.PRIVACY, dispatch_uid="cms-privacy")
    changes.collect.connect(collect_taxonomy, sender=Event.TAXONOMY, dispatch_uid="cms-taxonomy")
    changes.collect.connect(collect_settings, sender=Event.SETTINGS, dispatch_uid="cms-settings")
    changes.collect.connect(collect_comment, sender=Event.COMMENT, dispatch_uid="cms-comment")
