"""The feeds readers subscribe to: the whole site, a section or focus page, a topic, an author."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from cms.listings import content_listing
from cms.models import Author, Topic
from news.feeds import stamps
from news.feeds.base import ContentFeed


class SiteFeed(ContentFeed):
    """Everything the site publishes, newest first."""

    kind = "site"

    def get_object(self, request):
        return "site"

    def listing(self, obj):
        return content_listing()

    def stamp_keys(self, obj):
        return [stamps.SITE]

    def heading(self, obj):
        return ""

    def html_url(self, obj):
        return self.absolute("/")


class PageFeed(ContentFeed):
    """The feed of a page that lists content: a section, or any page with `feed_items()`.

    A page opts in by defining `feed_items()` (a content listing); it may define
    `feed_stamp_keys()` when its items are not its descendants (e.g. a focus page
    listing topics), otherwise publishing below it is what changes its feed.
    """

    kind = "page"

    def get_object(self, request, page):
        if not hasattr(page, "feed_items"):
            raise Http404("This page has no feed.")
        return page

    def listing(self, obj):
        return obj.feed_items()

    def stamp_keys(self, obj):
        if hasattr(obj, "feed_stamp_keys"):
            return obj.feed_stamp_keys()
        return [stamps.page_key(obj.pk)]

    def heading(self, obj):
        return obj.title

    def description(self, obj):
        return getattr(obj, "intro", "") or super().description(obj)

    def html_url(self, obj):
        return self.absolute(obj.get_url(self.request))


class TopicFeed(ContentFeed):
    """Everything filed under one topic; an unknown topic is a 404."""

    kind = "topic"

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def listing(self, obj):
        return content_listing(topic=obj)

    def stamp_keys(self, obj):
        return [stamps.topic_key(obj.pk)]

    def heading(self, obj):
        return obj.name

    def description(self, obj):
        return obj.description or super().description(obj)

    def html_url(self, obj):
        return self.absolute(obj.get_absolute_url())


class AuthorFeed(ContentFeed):
    """Everything one author or columnist wrote; an unknown author is a 404."""

    kind = "author"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def listing(self, obj):
        return content_listing(author=obj)

    def stamp_keys(self, obj):
        return [stamps.author_key(obj.pk)]

    def heading(self, obj):
        return obj.name

    def description(self, obj):
        return f"Articles by {obj.byline}"

    def html_url(self, obj):
        return self.absolute(obj.get_absolute_url())
