"""The top lists: the items read most in the last 24 hours and the last 7 days.

Computed from the hourly rows at most once every MOST_READ_REFRESH_SECONDS, and again
after any publish or unpublish (the key carries the change stamps of what is listed and
who may see it, cms/changes.py), and kept in the cache for every process: a page showing
the block reads one cache key and no query of its own (the stamps are read once per
request for every fragment). Only pages readers may list appear
(`ContentPage.objects.listed()`: live, not private, not under embargo).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from cms import changes
from cms.models import ContentPage
from mostread.counting import hour_of
from mostread.models import HourlyReads

# Window key: (what readers see, how many hours back it reaches, the current one included).
WINDOWS = {"day": ("Last 24 hours", 24), "week": ("Last 7 days", 7 * 24)}
# The dashboard panel shows this many; the block on pages MOST_READ_ITEMS of them.
TOP_ITEMS = 10


@dataclass(frozen=True)
class MostReadItem:
    """One item of a top list, with what the block and the panel show (no page object,
    so a cached list needs no query to render)."""

    page_id: int
    title: str
    url: str
    kind: str
    reads: int


def window_start(window, now=None):
    """The first hour counted in the window."""
    return hour_of(now or timezone.now()) - timedelta(hours=WINDOWS[window][1] - 1)


def top_items(window, limit=TOP_ITEMS, now=None):
    """The `limit` listed items read most in the window, most first (ties: newest page
    first), straight from the database: two queries."""
    totals = (
        HourlyReads.objects.filter(
            hour__gte=window_start(window, now),
            page__in=ContentPage.objects.listed().order_by().values("pk"),
        )
        .values("page_id")
        .annotate(total=Sum("reads"))
        .order_by("-total", "-page_id")[:limit]
    )
    reads = {row["page_id"]: row["total"] for row in totals}
    return [
        MostReadItem(page.pk, page.display_title, page.get_url(), page.kind, reads[page.pk])
        for page in ContentPage.objects.listed().in_order(reads)
    ]


def most_read():
    """{window: [MostReadItem, …]} for every window, from the cache (see the docstring)."""
    return changes.cached(
        "mostread:top",
        lambda: {window: top_items(window) for window in WINDOWS},
        scopes=(changes.SITE, changes.PRIVACY),
        timeout=settings.MOST_READ_REFRESH_SECONDS,
    )


def prune(now=None):
    """Delete hourly rows older than MOST_READ_KEEP_DAYS; returns how many went."""
    cutoff = hour_of(now or timezone.now()) - timedelta(days=settings.MOST_READ_KEEP_DAYS)
    deleted, _ = HourlyReads.objects.filter(hour__lt=cutoff).delete()
    return deleted
