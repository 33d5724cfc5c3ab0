"""The feeds readers subscribe to: the whole site, a section or focus page, a topic, an author."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from cms import changes
from cms.models import Author, ContentPage, Topic
from news.feeds.base import ContentFeed
from news.feeds.links import has_feed


class SiteFeed(ContentFeed):
    """Everything the site publishes, newest first."""

    scope = "site"

    def get_object(self, request):
        return "site"

    def listing(self, obj):
        return ContentPage.objects.listed().with_teaser_data()

    def stamp_keys(self, obj):
        return [changes.SITE]

    def heading(self, obj):
        return ""

    def html_url(self, obj):
        return self.absolute("/")


class PageFeed(ContentFeed):
    """The feed of a page that lists content: a section, or any page with `has_feed`.

    A page type opts in with `has_feed = True` and `feed_items()` (a content listing); it
    may define `feed_stamp_keys()` when its items are not its descendants (e.g. a focus
    page listing a topic), otherwise publishing below it is what changes its feed.
    """

    scope = "page"

    def get_object(self, request, page):
        if not has_feed(page):
            raise Http404("This page has no feed.")
        # Feeds are public and cached: a private section (or a page inside one) has no
        # feed at all, so its title and intro are never shown to anyone.
        if page.get_view_restrictions().exists():
            raise Http404("This page has no feed.")
        return page

    def listing(self, obj):
        return obj.feed_items()

    def stamp_keys(self, obj):
        if hasattr(obj, "feed_stamp_keys"):
            return obj.feed_stamp_keys()
        return [changes.page_scope(obj.pk)]

    def heading(self, obj):
        return obj.title

    def description(self, obj):
        return getattr(obj, "intro", "") or super().description(obj)

    def html_url(self, obj):
        return self.absolute(obj.get_url(self.request))


class SnippetFeed(ContentFeed):
    """Everything filed under one topic or credited to one author, found by slug (or 404)."""

    model = None  # Topic or Author; `scope` names the `listed()` argument and stamp key

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def listing(self, obj):
        return ContentPage.objects.listed(**{self.scope: obj}).with_teaser_data()

    def stamp_keys(self, obj):
        return [
            changes.topic_scope(obj.pk) if self.model is Topic else changes.author_scope(obj.pk)
        ]

    def heading(self, obj):
        return obj.name

    def html_url(self, obj):
        return self.absolute(obj.get_absolute_url())


class TopicFeed(SnippetFeed):
    """Everything filed under one topic."""

    scope, model = "topic", Topic

    def description(self, obj):
        return obj.description or super().description(obj)


class AuthorFeed(SnippetFeed):
    """Everything one author or columnist wrote."""

    scope, model = "author", Author

    def description(self, obj):
        return f"Articles by {obj.byline}"
