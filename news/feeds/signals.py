"""What feeds and sitemaps show, told to the change pipeline (cms/changes.py).

Connected in NewsConfig.ready(). A content event names the pages as they were and as they
are (the pipeline records both around a publish), so the feeds an item left are purged with
the feeds it is in now. Feed stamps are the pipeline's scopes ("site", "topic:3", …).
"""

from django.urls import reverse
from wagtail.models import Page

from cms import changes
from cms.changes import Event
from cms.models import Author, Topic
from cms.signals import item_scopes
from news.corrections import CORRECTIONS_FEED_KEY
from news.feeds.links import has_feed

SITEMAPS = ("sitemap", "news_sitemap")
SITEMAP_SECTIONS = ("pages", "topics", "authors")


def feed_urls(html_path):
    """A page's or listing's own feeds (RSS and Atom), beneath its URL or path."""
    return [f"{html_path}feed/", f"{html_path}feed/atom/"]


def collect_content(sender, affected, pages=(), **details):
    """Feeds that list the pages (the site's, their sections', topics', authors'), and the
    sitemaps."""
    for name in SITEMAPS:
        affected.add_path(reverse(name))
    for section in SITEMAP_SECTIONS:
        affected.add_path(reverse("sitemap_section", args=[section]))
    item_feeds(pages, affected)


def item_feeds(pages, affected):
    """The feeds an item is in: its own (if it has one), its sections', its topics' and
    authors', and the site's."""
    affected.add_path(reverse("site_feed"))
    affected.add_path(reverse("site_feed_atom"))
    ids = [page.pk for page in pages]
    listing_pages = set(pages)
    for page in pages:
        listing_pages.update(Page.objects.ancestor_of(page).live().specific(defer=True))
    for page in listing_pages:
        if has_feed(page) and page.live and (url := page.get_full_url()):
            affected.urls.update(feed_urls(url))
    for topic in Topic.objects.filter(pages__pk__in=ids).distinct():
        affected.add_path(reverse("topic_feed", args=[topic.slug]))
        affected.add_path(reverse("topic_feed_atom", args=[topic.slug]))
    for author in Author.objects.filter(page_links__page_id__in=ids).distinct():
        affected.add_path(reverse("author_feed", args=[author.slug]))
        affected.add_path(reverse("author_feed_atom", args=[author.slug]))


def collect_taxonomy(sender, affected, snippet, **details):
    """A renamed topic or author: its own feeds."""
    kind = "topic" if isinstance(snippet, Topic) else "author"
    affected.add_path(reverse(f"{kind}_feed", args=[snippet.slug]))
    affected.add_path(reverse(f"{kind}_feed_atom", args=[snippet.slug]))


def collect_correction(sender, affected, page, **details):
    """A correction appended or withdrawn: the item (its story fragment is kept under its
    page scope), /corrections/ and its feeds, and every feed the item is in (its entry
    there says it was updated). Not the search document: corrections are not searched."""
    page = page.specific_deferred
    if url := page.get_full_url():
        affected.urls.add(url)
    for name in ("corrections", "corrections_feed", "corrections_feed_atom"):
        affected.add_path(reverse(name))
    item_feeds([page], affected)
    topics = Topic.objects.filter(pages__pk=page.pk).distinct()
    authors = Author.objects.filter(page_links__page_id=page.pk).distinct()
    affected.scopes.update(item_scopes([page], topics, authors))
    affected.scopes.add(CORRECTIONS_FEED_KEY)


def connect():
    for event in (Event.CONTENT, Event.PRIVACY):
        changes.collect.connect(collect_content, sender=event, dispatch_uid=f"feeds-{event}")
    changes.collect.connect(collect_taxonomy, sender=Event.TAXONOMY, dispatch_uid="feeds-tax")
    changes.collect.connect(
        collect_correction, sender=Event.CORRECTION, dispatch_uid="feeds-correction"
    )
