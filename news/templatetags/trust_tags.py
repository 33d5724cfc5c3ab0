"""What a content page tells readers about its accuracy and reuse: the corrections
notice and box, the licence line and the "Republish this story" box."""

from django import template

from cms.licences import licence_of
from cms.models import SiteSettings
from news.corrections import shown_corrections
from news.republish import republish_html

register = template.Library()


def _noun(page):
    return "video" if getattr(page, "schema_type", "") == "VideoObject" else "article"


@register.inclusion_tag("news/components/correction_notice.html")
def correction_notice(page):
    """ "This article was corrected on …", linking to the Corrections box (or nothing)."""
    corrections = shown_corrections(page)
    if not corrections:
        return {}
    latest = corrections[-1]
    corrected = any(c.kind == c.CORRECTION for c in corrections)
    return {
        "noun": _noun(page),
        "verb": "corrected" if corrected else "clarified",
        "latest": latest,
    }


@register.inclusion_tag("news/components/corrections_box.html")
def corrections_box(page):
    """Every correction and clarification on the item, oldest first."""
    return {"corrections": shown_corrections(page)}


@register.inclusion_tag("news/components/licence.html", takes_context=True)
def licence_note(context, page):
    """The item's licence and the attribution sentence reusers must print."""
    site_settings = SiteSettings.for_request(context["request"])
    licence = licence_of(page, site_settings)
    return {
        "licence": licence,
        "attribution": licence.attribution_for(site_settings.publication_name),
    }


@register.inclusion_tag("news/components/republish_box.html", takes_context=True)
def republish_box(context, page):
    """The "Republish this story" box, for items whose licence allows it."""
    return {"html": republish_html(page, context["request"]), "noun": _noun(page)}
