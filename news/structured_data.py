"""schema.org JSON-LD for pages: NewsArticle, OpinionNewsArticle, VideoObject, Person,
BreadcrumbList, and WebSite on the home page.

Each content model names its schema.org type in `schema_type`, so opinion and cms need
not import this module.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from wagtail.models import Page

from cms.dates import iso_duration
from cms.licences import licence_of
from cms.models import ContentPage, SiteSettings
from news.corrections import page_last_corrected, shown_corrections
from news.seo import absolute, root_url, section_of, social_image

# The characters json_script escapes: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_script_json(data):
    """JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def graph(context):
    """The JSON-LD objects for the page being rendered (a list, possibly empty)."""
    request = context["request"]
    page, topic, author = context.get("page"), context.get("topic"), context.get("author")
    items = []
    if isinstance(page, ContentPage):
        items.append(_content(request, page))
    elif isinstance(page, Page) and page.depth <= 2:
        items.append(_website(request))
    if isinstance(page, Page) and page.depth > 2:
        trail = [(ancestor.title, ancestor.get_full_url(request)) for ancestor in _trail(page)]
        items.append(_breadcrumbs(request, trail))
    elif topic is not None:
        items.append(
            _breadcrumbs(
                request,
                [
                    ("Topics", absolute(request, reverse("topic_list"))),
                    (topic.name, absolute(request, topic.get_absolute_url())),
                ],
            )
        )
    elif author is not None:
        items.append(_person(request, author))
        items.append(
            _breadcrumbs(
                request,
                [
                    ("Our writers", absolute(request, reverse("author_list"))),
                    (author.name, absolute(request, author.get_absolute_url())),
                ],
            )
        )
    return items


def _trail(page):
    """The page's ancestors below the root, then the page, for a breadcrumb trail."""
    return [*page.get_ancestors().filter(depth__gt=2), page]


def _breadcrumbs(request, trail):
    home = ("Home", absolute(request, "/"))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate([home, *trail], start=1)
        ],
    }


def _publisher(request):
    settings = SiteSettings.for_request(request)
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.publication_name,
        "url": absolute(request, "/"),
    }


def _website(request):
    settings = SiteSettings.for_request(request)
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.publication_name,
        "url": absolute(request, "/"),
        "publisher": _publisher(request),
    }


def _person_ref(request, author):
    data = {
        "@type": "Person",
        "name": author.name,
        "url": absolute(request, author.get_absolute_url()),
    }
    interests = _declared_interests(author)
    if interests:
        data["disambiguatingDescription"] = interests
    return data


def _declared_interests(author):
    """The author's declaration as one sentence, with the date it was last reviewed."""
    summary = author.declaration_summary
    if not summary:
        return ""
    reviewed = author.interests_reviewed_on
    return f"Declared interests: {summary}" + (
        f" (last reviewed {reviewed:%Y-%m-%d})." if reviewed else "."
    )


def _person(request, author):
    data = {"@context": "https://schema.org", **_person_ref(request, author)}
    if author.role:
        data["jobTitle"] = author.role
    if author.organisation:
        data["worksFor"] = {"@type": "Organization", "name": author.organisation}
    if author.bio:
        data["description"] = author.bio
    photo = social_image(request, author.photo)
    if photo:
        data["image"] = absolute(request, photo.url)
    same_as = [url for url in (author.x_url, author.linkedin_url) if url]
    if same_as:
        data["sameAs"] = same_as
    return data


def _content(request, page):
    section = section_of(page, request)
    schema_type = getattr(page, "schema_type", "NewsArticle")
    image = social_image(request, page.social_image or page.hero_image)
    image_url = absolute(request, image.url) if image else None
    # A story previewed before it is first saved has no dates yet.
    changes = (page.date, page.last_updated, page.last_published_at, page_last_corrected(page))
    dates = [d for d in changes if d]
    authors = [_person_ref(request, author) for author in page.authors]
    url = page.get_full_url(request)
    if schema_type == "VideoObject":
        data = {
            "@type": "VideoObject",
            "name": page.title,
            "description": page.standfirst or page.title,
            "uploadDate": page.date,
            "thumbnailUrl": [image_url] if image_url else [],
            "url": url,
        }
        video = getattr(page, "video", None)
        if video is not None:
            data["embedUrl"] = video.player_url
        if getattr(page, "duration", None):
            data["duration"] = iso_duration(page.duration)
        if authors:
            data["creator"] = authors
    else:
        data = {
            "@type": schema_type,
            "headline": page.title[:110],
            "description": page.standfirst,
            "datePublished": page.date,
            "dateModified": max(dates) if dates else None,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "url": url,
            "author": authors,
            "articleSection": section.title if section else "",
            "keywords": [topic.name for topic in page.topics.all()],
            "isAccessibleForFree": True,
            "inLanguage": "en-GB",
        }
        if image_url:
            data["image"] = [image_url]
    site_settings = SiteSettings.for_request(request)
    licence = licence_of(page, site_settings)
    data["copyrightNotice"] = licence.rights_for(site_settings.publication_name)
    if licence.url:
        data["license"] = licence.url
    corrections = shown_corrections(page)
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": c.published_at, "text": c.text}
            for c in corrections
        ]
    data["publisher"] = _publisher(request)
    # A page type may add properties of its own schema type (a live page's updates).
    extra = getattr(page, "structured_data_extra", None)
    if extra is not None:
        data.update(extra(request))
    return {"@context": "https://schema.org", **data}


__all__ = ["graph", "iso_duration", "root_url", "to_script_json"]
