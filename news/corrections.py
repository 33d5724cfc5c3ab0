"""Appending and withdrawing corrections, and what each does to caches and feeds.

Both go through `corrections_changed(page)`, one event of the change pipeline
(cms/changes.py, Event.CORRECTION; what it makes stale: news/feeds/signals.py
`collect_correction`): the item, /corrections/ and its feeds, and the feeds the item is in
are purged after commit, and their scopes move on (the item's story fragment, the feeds'
ETag and Last-Modified).

Corrections are not part of an item's searchable text, so the search outbox is untouched.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.log_actions import log

from cms import changes
from news.models import Correction

CORRECTIONS_FEED_KEY = "corrections"  # the corrections feed's scope in the change pipeline
ADDED = "news.correction.add"
REMOVED = "news.correction.remove"


def corrections_changed(page):
    """Refresh every feed, cache and proxy copy showing `page`'s corrections."""
    changes.record(changes.Event.CORRECTION, page=page)


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


def _corrections_of(page):
    """(the corrections readers see, oldest first; when they last changed), kept per
    version of the page's scope, which every correction event moves on; once per page
    object."""
    if not hasattr(page, "_corrections"):

        def compute():
            shown = Correction.objects.shown().filter(page_id=page.pk)
            return list(shown.order_by("published_at", "pk")), last_corrected([page]).get(page.pk)

        page._corrections = (
            changes.cached(f"corrections:{page.pk}", compute, [changes.page_scope(page.pk)])
            if page.pk
            else ([], None)
        )
    return page._corrections


def shown_corrections(page):
    """The corrections readers see on `page`, oldest first."""
    return _corrections_of(page)[0]


def page_last_corrected(page):
    """When `page`'s corrections last changed (None if never)."""
    return _corrections_of(page)[1]
