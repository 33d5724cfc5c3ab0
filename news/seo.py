"""What a page tells search engines and social networks: its canonical URL and preview.

Works from the template context of any page: a Wagtail page (`page`), a topic page
(`topic`) or an author page (`author`); anything else is described as the site.
"""

from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.models import Page, Site

from cms.models import ContentAuthor, ContentPage, SiteSettings
from news.corrections import page_last_corrected

SOCIAL_IMAGE_RENDITION = "fill-1200x630"  # the size Open Graph and X recommend


@dataclass
class Preview:
    """A page as a social network or search engine sees it."""

    title: str
    description: str  # the meta description: what a search engine shows under the title
    url: str
    type: str = "website"
    image: object = None  # a rendition
    image_alt: str = ""
    published: object = None
    modified: object = None
    section: str = ""
    tags: list = field(default_factory=list)
    social_text: str = ""  # an editor's own text for social networks, else the description

    @property
    def social_description(self):
        return self.social_text or self.description


def root_url(request):
    """The site's own scheme and host (Wagtail's Site), never the request's Host header."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


def absolute(request, path):
    return urljoin(root_url(request) + "/", path)


def with_relations(page, request):
    """Fetch a content page's authors, topics and section once, for every tag that shows
    them (and the byline further down the page)."""
    if not hasattr(page, "_seo_section"):
        # A preview shows the editor's unsaved authors and topics: leave them in memory.
        if page.pk and not getattr(request, "is_preview", False):
            authors = ContentAuthor.objects.select_related("author")
            prefetch_related_objects([page], Prefetch("author_links", queryset=authors), "topics")
        parent = page.get_parent()
        # specific_deferred: the section's own class (does it have a feed?) without a query.
        page._seo_section = parent.specific_deferred if parent else None
    return page


def section_of(page, request):
    """The section a story is filed in (None for a story being previewed before saving)."""
    return with_relations(page, request)._seo_section


def social_image(request, image):
    return image.get_rendition(SOCIAL_IMAGE_RENDITION) if image else None


def preview(context):
    """The Preview for the page being rendered (worked out once per request)."""
    request = context["request"]
    if not hasattr(request, "_seo_preview"):
        request._seo_preview = _preview(request, context)
    return request._seo_preview


def _preview(request, context):
    publication = SiteSettings.for_request(request)
    page, topic, author = context.get("page"), context.get("topic"), context.get("author")
    if isinstance(page, Page):
        return _page_preview(request, page, publication)
    if topic is not None:
        return Preview(
            title=f"{topic.name} | {publication.publication_name}",
            description=topic.description or f"News and opinion on {topic.name}.",
            url=absolute(request, topic.get_absolute_url()),
        )
    if author is not None:
        return Preview(
            title=f"{author.name} | {publication.publication_name}",
            description=author.bio or author.byline,
            url=absolute(request, author.get_absolute_url()),
            type="profile",
            image=social_image(request, author.photo),
            image_alt=f"Portrait of {author.name}",
        )
    return Preview(
        title=publication.publication_name,
        description=publication.strapline,
        url=absolute(request, request.path),
    )


def _page_preview(request, page, publication):
    url = page.get_full_url(request) or absolute(request, request.path)
    title = page.seo_title or page.title
    if not isinstance(page, ContentPage):
        return Preview(
            title=title if page.depth <= 2 else f"{title} | {publication.publication_name}",
            description=page.search_description
            or getattr(page, "intro", "")
            or publication.strapline,
            url=url,
            image=social_image(request, page.social_image),
        )
    image = page.social_image or page.hero_image
    section = section_of(page, request)
    return Preview(
        title=title,
        description=page.search_description or page.summary or publication.strapline,
        social_text=page.social_text,
        url=url,
        type="video.other" if getattr(page, "schema_type", "") == "VideoObject" else "article",
        image=social_image(request, image),
        image_alt=image.description if image else "",
        published=page.date,
        modified=max(
            [
                d
                for d in (page.last_updated, page.last_published_at, page_last_corrected(page))
                if d
            ],
            default=None,
        ),
        section=section.title if section else "",
        tags=[topic.name for topic in page.topics.all()],
    )
