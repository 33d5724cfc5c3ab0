"""Head tags for search engines and social previews: canonical URL, Open Graph, X cards,
JSON-LD, and noindex for filtered listings."""

from django import template
from django.utils.html import format_html, format_html_join, mark_safe

from cms.models import SiteSettings
from news import seo
from news.structured_data import graph, to_script_json

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_link(context):
    if "request" not in context:
        return ""
    return format_html('<link rel="canonical" href="{}">', seo.preview(context).url)


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The meta description (news.seo.Preview.description: never empty while a strapline is set)."""
    if "request" not in context:
        return ""
    description = seo.preview(context).description
    return format_html('<meta name="description" content="{}">', description) if description else ""


@register.simple_tag(takes_context=True)
def social_meta(context):
    """Open Graph and X (Twitter) card tags."""
    if "request" not in context:
        return ""
    request = context["request"]
    preview = seo.preview(context)
    site_settings = SiteSettings.for_request(request)
    og = [
        ("og:site_name", site_settings.publication_name),
        ("og:locale", "en_GB"),
        ("og:type", preview.type),
        ("og:title", preview.title),
        ("og:description", preview.social_description),
        ("og:url", preview.url),
    ]
    if preview.image:
        og += [
            ("og:image", seo.absolute(request, preview.image.url)),
            ("og:image:width", preview.image.width),
            ("og:image:height", preview.image.height),
        ]
    # A decorative picture (empty alt) gets no alt tag at all: the card already reads out
    # the headline and description next to it, so using the headline as alt would make a
    # screen reader say it twice, and an empty content="" means nothing to the networks'
    # crawlers (some would then caption the picture with the file name or a guess).
    image_alt = preview.image_alt.strip() if preview.image else ""
    if image_alt:
        og.append(("og:image:alt", image_alt))
    if preview.published:
        og.append(("article:published_time", preview.published.isoformat()))
    if preview.modified:
        og.append(("article:modified_time", preview.modified.isoformat()))
    if preview.section:
        og.append(("article:section", preview.section))
    og += [("article:tag", tag) for tag in preview.tags]
    twitter = [
        ("twitter:card", "summary_large_image" if preview.image else "summary"),
        ("twitter:title", preview.title),
        ("twitter:description", preview.social_description),
    ]
    if site_settings.x_handle:
        twitter.append(("twitter:site", "@" + site_settings.x_handle.lstrip("@")))
    if preview.image:
        twitter.append(("twitter:image", seo.absolute(request, preview.image.url)))
    if image_alt:
        twitter.append(("twitter:image:alt", image_alt))
    return mark_safe(
        format_html_join("\n", '<meta property="{}" content="{}">', og)
        + "\n"
        + format_html_join("\n", '<meta name="{}" content="{}">', twitter)
    )


@register.simple_tag(takes_context=True)
def structured_data(context):
    if "request" not in context:
        return ""
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        ((mark_safe(to_script_json(item)),) for item in graph(context)),
    )


@register.simple_tag(takes_context=True)
def listing_robots(context):
    """noindex (but follow) on listing pages reached with a query string (?page=2, filters)."""
    request = context.get("request")
    if request is not None and request.GET:
        return mark_safe('<meta name="robots" content="noindex, follow">')
    return ""
