"""The feed every kind shares: items from the listing query, full content, stable ids."""

import mimetypes
from html import escape
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.loader import get_template
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Site

from cms.embeds import parse_video_url
from cms.licences import licence_of
from cms.models import SiteSettings
from cms.renditions import RENDITIONS
from news.corrections import last_corrected
from news.feeds.bodies import prefetch_bodies
from news.feeds.generators import NewsAtomFeed, NewsRssFeed
from news.feeds.html import absolutise
from news.models import VideoPage

FORMATS = {"rss": NewsRssFeed, "atom": NewsAtomFeed}
FEED_IMAGE_RENDITION = RENDITIONS["teaser-lead"]  # prefetched by the listing query
# Feed ids are tag URIs (RFC 4151): the date says when we held the name, not when the
# feed started, so it is fixed; item ids use the item's first publication date.
FEED_ID_DATE = "2025"


class ContentFeed(Feed):
    """Base for the site, section, topic and author feeds: one class per kind, two formats.

    Subclasses say which object the URL names (`get_object`), what it lists (`listing`),
    how it is titled, and which stamp keys record its changes (`stamp_keys`).
    """

    scope = "content"  # what the feed covers: site, page, topic or author (in its ids)
    item_guid_is_permalink = False

    def __init__(self, format="rss"):
        self.format = format
        self.feed_type = FORMATS[format]

    # What subclasses provide -------------------------------------------------------------

    def listing(self, obj):
        raise NotImplementedError

    def stamp_keys(self, obj):
        raise NotImplementedError

    def identity(self, obj):
        """A short name for the feed's object, unique within its kind (used in cache keys)."""
        return str(getattr(obj, "pk", obj))

    def heading(self, obj):
        raise NotImplementedError

    def html_url(self, obj):
        """The absolute URL of the HTML page this feed mirrors."""
        raise NotImplementedError

    # Set up per request ------------------------------------------------------------------

    def get_feed(self, obj, request):
        self.request = request
        self.site = Site.find_for_request(request)
        self.root_url = self.site.root_url if self.site else request.build_absolute_uri("/")
        self.site_settings = SiteSettings.for_request(request)
        return super().get_feed(obj, request)

    def absolute(self, path):
        return urljoin(self.root_url + "/", path)

    @cached_property
    def id_authority(self):
        return getattr(settings, "FEED_ID_AUTHORITY", "") or self.site.hostname

    # Channel -----------------------------------------------------------------------------

    def title(self, obj):
        name = self.site_settings.publication_name
        heading = self.heading(obj)
        return f"{name}: {heading}" if heading else name

    def link(self, obj):
        return self.html_url(obj)

    def feed_url(self, obj):
        return self.absolute(self.request.path)

    def feed_guid(self, obj):
        return f"tag:{self.id_authority},{FEED_ID_DATE}:feed/{self.scope}/{self.identity(obj)}"

    def description(self, obj):
        return self.site_settings.strapline or self.title(obj)

    def author_name(self, obj):
        # Atom needs an author for entries that credit none; the publication stands in.
        return self.site_settings.publication_name

    def feed_copyright(self, obj):
        return self.site_settings.default_rights or None

    # Items -------------------------------------------------------------------------------

    def items(self, obj):
        pages = list(self.listing(obj)[: settings.FEED_ITEMS])
        prefetch_bodies(pages)
        self.videos = self._videos(pages)
        self.corrected = last_corrected(pages)
        return pages

    def _videos(self, pages):
        """Video address and running time of the video items, in one query."""
        pks = [page.pk for page in pages]
        rows = VideoPage.objects.filter(pk__in=pks).values_list("pk", "video_url", "duration")
        return {pk: (url, duration) for pk, url, duration in rows}

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return self.absolute(item.get_url(self.request))

    def item_guid(self, item):
        first = item.first_published_at or item.sort_date
        return f"tag:{self.id_authority},{first:%Y-%m-%d}:page:{item.pk}"

    def item_description(self, item):
        """The standfirst; a story without one is summed up by its opening words."""
        if item.summary:
            return escape(item.summary)
        for block in item.body.raw_data:
            if block["type"] == "paragraph":
                return escape(Truncator(strip_tags(block["value"])).words(40))
        return escape(item.title)

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        # A correction added or withdrawn updates the item's entry (same id, new date).
        dates = (item.date, item.last_published_at, item.last_updated, self.corrected.get(item.pk))
        return max(d for d in dates if d)

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_copyright(self, item):
        return licence_of(item, self.site_settings).rights_for(self.site_settings.publication_name)

    def item_extra_kwargs(self, item):
        authors = item.authors
        image = self._image(item)
        return {
            "authors": [author.name for author in authors],
            "author_links": [
                (author.name, self.absolute(author.get_absolute_url())) for author in authors
            ],
            "image": image,
            "content": self._content(item, image),
            "licence_url": licence_of(item, self.site_settings).url,
        }

    def _image(self, item):
        if not item.hero_image:
            return None
        rendition = item.hero_image.get_rendition(FEED_IMAGE_RENDITION)
        return {
            "url": self.absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
            "description": item.hero_caption or item.hero_image.description,
            "credit": item.hero_credit,
        }

    def _content(self, item, image):
        video_url, duration = self.videos.get(item.pk, (None, None))
        html = get_template("news/feed_item_content.html").render(
            {
                "item": item,
                "image": image,
                "video": parse_video_url(video_url) if video_url else None,
                "duration": duration,
            }
        )
        return absolutise(html, self.item_link(item)).strip()
