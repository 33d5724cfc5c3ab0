"""Feed URLs: the index page listing every feed, and one view per kind of feed."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views
from wagtail.models import Site

from cms.models import Author, SiteSettings, Topic
from cms.privacy import without_private
from news.feeds import links
from news.feeds.corrections import CorrectionsFeed
from news.feeds.kinds import AuthorFeed, PageFeed, SiteFeed, TopicFeed
from news.feeds.serving import serve_feed


@require_safe
def site_feed(request, format):
    feed = SiteFeed(format)
    return serve_feed(request, feed, feed.get_object(request))


@require_safe
def corrections_feed(request, format):
    feed = CorrectionsFeed(format)
    return serve_feed(request, feed, feed.get_object(request))


@require_safe
def topic_feed(request, slug, format):
    feed = TopicFeed(format)
    return serve_feed(request, feed, feed.get_object(request, slug))


@require_safe
def author_feed(request, slug, format):
    feed = AuthorFeed(format)
    return serve_feed(request, feed, feed.get_object(request, slug))


@require_safe
def page_feed(request, page_path, format):
    """`<page>/feed/` for any page with a feed; other pages keep their own child URLs."""
    page = _find_page(request, page_path)
    if page is None or not links.has_feed(page):
        # Not a feed: let Wagtail serve whatever lives at this address (or 404).
        return wagtail_views.serve(request, request.path.lstrip("/"))
    # A page type may serve a feed of its own kind (a live page's entries).
    feed = getattr(page, "feed_class", PageFeed)(format)
    return serve_feed(request, feed, feed.get_object(request, page))


def _find_page(request, page_path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [part for part in page_path.split("/") if part]
    try:
        page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    return page.specific


def _pages_with_feeds(root, request):
    """The sections below the home page with a feed, and, under a page without one (such
    as the focus index), its children that have one (the focus pages)."""
    found = []
    for page in without_private(root.get_children().live()).specific():
        feeds = links.page_feeds(page, request)
        if feeds:
            found.append((page, feeds))
            continue
        for child in without_private(page.get_children().live()).specific():
            child_feeds = links.page_feeds(child, request)
            if child_feeds:
                found.append((child, child_feeds))
    return found


def feed_index(request):
    """/feeds/: every feed the site offers, for readers and for aggregators' editors."""
    site = Site.find_for_request(request)
    sections = []
    if site is not None:
        sections = _pages_with_feeds(site.root_page, request)
    topics = Topic.objects.with_item_counts()
    authors = Author.objects.with_item_counts()
    authors = [author for author in authors if author.item_count]
    publication = SiteSettings.for_request(request).publication_name
    return render(
        request,
        "news/feed_index.html",
        {
            "site_feeds": links.site_feeds(publication),
            "corrections_feeds": links.corrections_feeds(),
            "sections": sections,
            "topics": [(topic, links.topic_feeds(topic)) for topic in topics],
            "authors": [(author, links.author_feeds(author)) for author in authors],
        },
    )
