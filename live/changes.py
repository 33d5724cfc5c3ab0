"""What an entry changes: the page's searchable text, its story, its feed, and the proxy's
copies, as one event of the change pipeline (cms/changes.py, Event.LIVE).

A live page's own publish or unpublish is a content event like any page's; `collect_content`
adds what only live pages have (the updates endpoint, the entry feed's scope) to it.
"""

from cms import changes
from cms.changes import Event
from live.feeds import stamp_key
from live.models import LivePage
from news.feeds.signals import feed_urls

# Readers poll `updates/?since=<the newest entry they have>`: after a new entry, that is
# the previous newest, or for a reader who missed a poll during a burst the one before.
# Other `since` values stay cached until LIVE_PROXY_SECONDS run out.
POLLED_SINCE = 2


def entries_changed(page):
    """An entry of `page` (a LivePage) was posted, edited, withdrawn or deleted."""
    # A save, not an update(): Wagtail's search index updates from it, and LivePage.save()
    # reads the entries' text afresh.
    page.save(update_fields=["entries_text"], clean=False)
    changes.record(Event.LIVE, page=page)


def live_coverage_urls(page):
    """The absolute URLs a change to the page's entries makes stale in the proxy: the page
    and its updates endpoint as polling readers ask for it."""
    url = page.get_full_url()
    if not url or not page.live:
        return []
    newest = list(page.entries.visible().order_by("-pk").values_list("pk", flat=True)[:3])
    since = newest[1 : 1 + POLLED_SINCE] or [0]
    return [url, *(f"{url}updates/?since={pk}" for pk in since)]


def _coverage(page, affected):
    affected.urls.update(live_coverage_urls(page))
    affected.scopes.add(stamp_key(page.pk))


def collect_entries(sender, affected, page, **details):
    """An entry: the page, its updates endpoint and its feed; its story fragment (the
    entries are in it, not in the page's revision); its search document (entries_text)."""
    _coverage(page, affected)
    if page.live and (url := page.get_full_url()):
        affected.urls.update(feed_urls(url))
    affected.scopes.add(changes.page_scope(page.pk))
    affected.pages.setdefault(page.pk, "saved")


def collect_content(sender, affected, pages=(), **details):
    """A live page published or unpublished (closed, retitled): polling readers learn it
    from the endpoint. The page, its feed and its scope are the content event's own."""
    for page in pages:
        if isinstance(page, LivePage):
            _coverage(page, affected)


def connect():
    """Connect to the change pipeline (called once from LiveConfig.ready, via signals)."""
    changes.collect.connect(collect_entries, sender=Event.LIVE, dispatch_uid="live-entries")
    changes.collect.connect(collect_content, sender=Event.CONTENT, dispatch_uid="live-content")
