"""What search's pages show, told to the change pipeline (cms/changes.py): focus pages list
the items of their topic, with their comment counts; their feeds, with their corrections."""

from cms import changes
from cms.changes import Event
from cms.models import Topic
from search.models import FocusPage


def collect_focus_pages(sender, affected, pages=(), page=None, **details):
    """The live focus pages of the items' topics and their feeds (for a comment the page
    only, for its counts; for a correction the feeds only, where the item's entry says it
    was updated)."""
    items = [page] if page is not None else list(pages)
    topics = Topic.objects.filter(pages__pk__in=[item.pk for item in items])
    for focus in FocusPage.objects.live().filter(topic__in=topics).distinct():
        if url := focus.get_full_url():
            if sender != Event.CORRECTION:
                affected.urls.add(url)
            if sender != Event.COMMENT:
                affected.urls.update([f"{url}feed/", f"{url}feed/atom/"])
                affected.scopes.add(changes.page_scope(focus.pk))


def connect():
    for event in (Event.CONTENT, Event.PRIVACY, Event.COMMENT, Event.CORRECTION):
        changes.collect.connect(collect_focus_pages, sender=event, dispatch_uid=f"focus-{event}")
