"""The "Republish this story" copy: the HTML another site may paste, made on the server.

Headline, byline, standfirst and body, with links and images made absolute, then the
licence's attribution and a link back to the original. Left out: our navigation and
comments (never part of the body), "Read more" links to our other stories, scripts, and
every image whose use is not marked as reusable (ContentPage.hero_reusable for the hero,
the image block's own "may be republished" box in the body). Videos become a link.
"""

from django.template.loader import render_to_string

from cms.licences import licence_of
from cms.models import SiteSettings
from news.feeds.html import absolutise

# Blocks that are about our site rather than the story.
LEFT_OUT_BLOCKS = {"read_more"}


def reusable_blocks(page):
    """The body blocks a republisher gets, with the reason for any change in the template."""
    blocks = []
    for block in page.body:
        if block.block_type in LEFT_OUT_BLOCKS:
            continue
        if block.block_type == "image" and not block.value.get("reusable"):
            continue
        blocks.append(block)
    return blocks


def republish_html(page, request):
    """The HTML to copy for `page`, or None when its licence does not allow republishing."""
    site_settings = SiteSettings.for_request(request)
    licence = licence_of(page, site_settings)
    if not licence.reusable or not page.pk:
        return None
    url = page.get_full_url(request)
    html = render_to_string(
        "news/republish.html",
        {
            "page": page,
            "url": url,
            "licence": licence,
            "attribution": licence.attribution_for(site_settings.publication_name),
            "publication": site_settings.publication_name,
            "blocks": reusable_blocks(page),
        },
        request=request,
    )
    return absolutise(html, url).strip()
