"""Search-driven blocks: related articles and the focus strip (shown by other apps'
templates), and the engine-driven blocks of a focus page.

cms, news and opinion never import search; their templates load these tags instead.
"""

from django import template

from cms.privacy import without_private
from search import popular
from search.models import FocusPage
from search.queries import ContentSearch

register = template.Library()


@register.inclusion_tag("search/related_articles.html")
def related_articles(page, exclude=None, limit=4):
    """Stories like `page` (more_like_this, or shared topics), leaving out `exclude`."""
    skip = [item.pk for item in exclude or []]
    return {"items": ContentSearch().related(page, limit=limit, exclude=skip)}


@register.inclusion_tag("search/focus_strip.html", takes_context=True)
def focus_strip(context, topics=None, limit=6):
    """The home page's focus strip: each chosen topic's focus page (or topic page), then any
    other focus pages, up to `limit`."""
    request = context.get("request")
    # Their ids first, from their own small table: joined with every page straight away,
    # SQLite scans the whole page table to find the few (README, Performance).
    ids = list(FocusPage.objects.order_by().values_list("page_ptr_id", flat=True))
    found = without_private(FocusPage.objects.filter(pk__in=ids).live()).select_related("topic")
    focus_pages = {
        page.topic_id: page for page in sorted(found, key=lambda page: page.path) if page.topic_id
    }
    entries = []
    for topic in topics or []:
        page = focus_pages.pop(topic.pk, None)
        if page is not None:
            entries.append({"title": topic.name, "url": page.get_url(request), "focus": True})
        else:
            entries.append({"title": topic.name, "url": topic.get_absolute_url(), "focus": False})
    for page in focus_pages.values():
        entries.append({"title": page.topic.name, "url": page.get_url(request), "focus": True})
    return {"entries": entries[:limit]}


@register.simple_tag
def topic_overview(topic, latest=8, exclude=()):
    """A focus page's engine-driven blocks: the latest in `topic`, related topics and
    leading authors, leaving out the `exclude` pages (its pinned stories)."""
    skip = [page.pk for page in exclude]
    return ContentSearch().topic_overview(topic, latest=latest, exclude=skip)


@register.simple_tag
def most_commented(topic, exclude=()):
    """[(page, comment count)]: the topic's most-discussed recent items, without `exclude`."""
    return popular.most_commented(topic, exclude=[page.pk for page in exclude])
