"""Template context every page needs: the site's navigation."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().specific(defer=True))


def site_chrome(request):
    """Navigation sections (the home page's children shown in menus), loaded only if used."""
    return {"nav_sections": SimpleLazyObject(lambda: _navigation(request))}
