"""Which site and page an address is, remembered per process.

Wagtail finds a page in four queries a request: the site for the host (an ordered match on
host, port and default), its root page's specific type, the page at the URL path and that
page's specific row. An app server answers the same few hundred addresses all day, so each
process remembers, per host, port and path, the site it found (valid while the `all` scope,
which every Site change moves on, is unchanged: cms/signals.py) and which page, of which
type, the path was. A warm request then costs the change stamps (one query, read here with
the page's own scopes, so the fragments need no other) and the page's row (one query).

Nothing is trusted that the page's row can contradict: the page must still be live and at
this very URL path, else Wagtail routes the address afresh (a moved, renamed, unpublished or
deleted page). Pages with sub-addresses of their own, aliases and translations take
Wagtail's way every time.
"""

import copy

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin

from cms import changes, shared_cache

# Enough for every address a newsroom's readers ask for in a day; past it the table starts
# again (one lookup each) rather than growing without end.
MAX_REMEMBERED = 20_000

_sites = {}  # (host, port) -> (version of `all` when it was found, Site)
_pages = {}  # (host, port, path) -> (page model, pk, URL path, scopes its fragments read)


def forget():
    """Forget everything remembered (tests change sites and pages behind its back)."""
    _sites.clear()
    _pages.clear()


def serve(request, path):
    """Wagtail's page view, given the site and the page when this process knows them."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return wagtail_views.serve(request, path)  # a page per locale: Wagtail's way
    address = (split_domain_port(request.get_host())[0], request.get_port(), path)
    with shared_cache.reading_ahead(address):
        response = _serve(request, path, address)
        # Rendered here, not after the view returns, so that the fragments' reads are
        # among those read ahead (no middleware of ours changes a template response).
        if getattr(response, "is_rendered", True) is False:
            response.render()
        return response


def _serve(request, path, address):
    known = _pages.get(address)
    # The stamps are read first, with the page's own scopes when it is known (one query
    # serves the fragments too), so a Site changed during this request is found afresh.
    scopes = known[3] if known else ()
    version = changes.versions([changes.EVERYTHING, *scopes])[changes.EVERYTHING]
    routed = known is not None and _route_known_page(request, address, known, version)
    response = wagtail_views.serve(request, path)
    if not routed:
        _remember(request, address, version)
    return response


def _route_known_page(request, address, known, version):
    found, site = _sites.get(address[:2], (None, None))
    if site is None or found != version:
        return False
    model, pk, url_path, _scopes = known
    page = model.objects.filter(pk=pk).first()
    if page is None or not page.live or page.url_path != url_path:
        return False  # moved, renamed, unpublished or deleted: Wagtail routes it afresh
    try:
        route = page.route(request, [])
    except Http404:
        return False
    request._wagtail_site = copy.copy(site)  # each request its own (Wagtail caches on it)
    request._wagtail_route_for_request = route
    return True


def _remember(request, address, version):
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if not route or site is None or route[1] or route[2] or not _plain(route[0]):
        return
    page = route[0]
    if len(_pages) >= MAX_REMEMBERED:
        _pages.clear()
    remembered = copy.copy(site)
    remembered._state.fields_cache = {}  # not the root page as it was at this moment
    _sites[address[:2]] = (version, remembered)
    _pages[address] = (type(page), page.pk, page.url_path, tuple(page.fragment_scopes()))


def _plain(page):
    """A page that is exactly its own address: not an alias, no sub-addresses of its own."""
    return (
        hasattr(page, "fragment_scopes")
        and page.alias_of_id is None
        and not isinstance(page, RoutablePageMixin)
    )
