"""What an entry changes: the page's searchable text, its feed, and the proxy's copies.

`entries_changed(page)` is the one place this happens, so that it can be routed through
the site's change pipeline later.
"""

from wagtail.contrib.frontend_cache.utils import PurgeBatch

from live.feeds import stamp_key
from news.feeds import stamps

# Readers poll `updates/?since=<the newest entry they have>`: after a new entry, that is
# the previous newest, or for a reader who missed a poll during a burst the one before.
# Other `since` values stay cached until LIVE_PROXY_SECONDS run out.
POLLED_SINCE = 2


def entries_changed(page):
    """An entry of `page` (a LivePage) was posted, edited, withdrawn or deleted."""
    # A save, not an update(): search (both engines) reindexes the page from it, and
    # LivePage.save() reads the entries' text afresh.
    page.save(update_fields=["entries_text"], clean=False)
    stamps.bump([stamp_key(page.pk)])
    purge_live_coverage(page)


def purge_live_coverage(page):
    """PURGE the page and its updates endpoint as polling readers ask for it (sent once the
    transaction commits: cms.frontend_cache.PurgeAfterCommitBackend)."""
    batch = PurgeBatch()
    batch.add_urls(live_coverage_urls(page))
    batch.purge()


def live_coverage_urls(page):
    """The absolute URLs a change to the page's entries makes stale in the proxy."""
    url = page.get_full_url()
    if not url or not page.live:
        return []
    newest = list(page.entries.visible().order_by("-pk").values_list("pk", flat=True)[:3])
    since = newest[1 : 1 + POLLED_SINCE] or [0]
    return [url, *(f"{url}updates/?since={pk}" for pk in since)]
