"""Template context every page needs: the site's navigation."""

from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from cms import changes


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

    def compute():
        sections = site.root_page.get_children().live().in_menu().order_by("path")
        return [NavItem(page.pk, page.title, page.get_url(request)) for page in sections]

    return changes.cached(f"navigation:{site.pk}", compute, scopes=[changes.NAVIGATION])


def site_chrome(request):
    """Navigation sections (the home page's children shown in menus), loaded only if used."""
    return {"nav_sections": SimpleLazyObject(lambda: _navigation(request))}
