"""Appending and withdrawing corrections, and what each does to caches and feeds.

Both go through `corrections_changed(page)`, the one call that makes the item fresh
everywhere readers see it:

- feed stamps (news/feeds/stamps.py) of every feed the item is in, and of the
  corrections feed: their ETag and Last-Modified move and their cached XML is rebuilt;
- the content version (cms/cache.py), after commit: every cached page and fragment
  (the item, /corrections/) is stale at once;
- a PURGE of the item, /corrections/ and its feeds from the caching proxy, when one is configured
  (Wagtail's frontend cache; our backend sends it after commit).

Corrections are not part of an item's searchable text, so the search outbox is untouched.
"""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.frontend_cache.utils import purge_page_from_cache, purge_urls_from_cache
from wagtail.log_actions import log
from wagtail.models import Site

from cms.cache import bump_content_version
from news.feeds import stamps
from news.models import Correction

CORRECTIONS_FEED_KEY = "corrections"
ADDED = "news.correction.add"
REMOVED = "news.correction.remove"


def corrections_changed(page):
    """Refresh every feed, cache and proxy copy showing `page`'s corrections."""
    stamps.bump(stamps.keys_for_content(page) | {CORRECTIONS_FEED_KEY})
    transaction.on_commit(bump_content_version)
    purge_page_from_cache(page)
    paths = [reverse(name) for name in ("corrections", "corrections_feed", "corrections_feed_atom")]
    purge_urls_from_cache([site.root_url + path for site in Site.objects.all() for path in paths])


def _log(correction, action, user, **data):
    # Logged against the page, so it shows in the page's own history in the admin.
    log(
        instance=correction.page.specific,
        action=action,
        user=user,
        data={
            "correction": correction.pk,
            "kind": correction.kind,
            "text": correction.text,
            **data,
        },
    )


@transaction.atomic
def add_correction(correction, user):
    """Save a new (validated) correction by `user`, log it, and refresh the item."""
    correction.created_by = user
    correction.save()
    _log(correction, ADDED, user)
    corrections_changed(correction.page)
    return correction


@transaction.atomic
def remove_correction(correction, user, reason):
    """Withdraw a correction: readers stop seeing it; the row and the reason stay."""
    correction.removed_at = timezone.now()
    correction.removed_by = user
    correction.removal_reason = reason
    correction.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    _log(correction, REMOVED, user, reason=reason)
    corrections_changed(correction.page)
    return correction


def last_corrected(pages):
    """Page id -> when its corrections last changed, for a list of pages (one query)."""
    rows = (
        Correction.objects.filter(page__in=[page.pk for page in pages])
        .values("page_id")
        .annotate(created=Max("created_at"), removed=Max("removed_at"), dated=Max("published_at"))
        .order_by()
    )
    return {
        row["page_id"]: max(d for d in (row["created"], row["removed"], row["dated"]) if d)
        for row in rows
    }


def shown_corrections(page):
    """The corrections readers see on `page`, oldest first, read once per page object."""
    if not hasattr(page, "_shown_corrections"):
        page._shown_corrections = list(
            Correction.objects.shown().filter(page_id=page.pk).order_by("published_at", "pk")
            if page.pk
            else []
        )
    return page._shown_corrections


def page_last_corrected(page):
    """When `page`'s corrections last changed (None if never), read once per page object."""
    if not hasattr(page, "_last_corrected"):
        page._last_corrected = last_corrected([page]).get(page.pk) if page.pk else None
    return page._last_corrected
