"""Template context every page needs: the site's navigation."""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from cms.cache import content_version


@dataclass(frozen=True)
class NavItem:
    """A section in the main navigation."""

    pk: int
    title: str
    url: str


def _navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = f"navigation:{site.pk}:{content_version()}"
    items = cache.get(key)
    if items is None:
        sections = site.root_page.get_children().live().in_menu().order_by("path")
        items = [NavItem(page.pk, page.title, page.get_url(request)) for page in sections]
        cache.set(key, items, timeout=3600)
    return items


def site_chrome(request):
    """Navigation sections (the home page's children shown in menus), loaded only if used."""
    return {"nav_sections": SimpleLazyObject(lambda: _navigation(request))}
