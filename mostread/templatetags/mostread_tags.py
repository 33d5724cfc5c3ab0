"""{% most_read %}: the block; {% most_read_beacon page %}: the script that counts a read."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from mostread import ranking

register = template.Library()


@register.inclusion_tag("mostread/most_read.html")
def most_read():
    """The most read items of the last 24 hours and 7 days, from the cache (no query once
    warm); nothing at all while nothing has been read."""
    lists = ranking.most_read()
    windows = [
        (key, ranking.WINDOWS[key][0], lists.get(key, [])[: settings.MOST_READ_ITEMS])
        for key in ranking.WINDOWS
    ]
    return {"windows": [window for window in windows if window[2]]}


@register.simple_tag(takes_context=True)
def most_read_beacon(context, page):
    """The beacon script for this item's page; none in an editor's preview, which is no read."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return ""
    return format_html(
        '<script src="{}" data-most-read="{}" data-page="{}" defer></script>',
        static("js/mostread.js"),
        reverse("mostread:count"),
        page.pk,
    )
