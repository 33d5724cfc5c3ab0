"""Whole-page caching for anonymous readers, forgotten page by page by the change pipeline.

Built on Django's cache middleware, which already refuses to cache responses that set a
cookie for a cookie-less request (so a page carrying a reader's CSRF token is never shared
between readers; item pages leave the token out of their comment form for that reason)
and anything marked private or no-cache. On top of that we skip signed-in users and tell
browsers to keep pages for only a short while. When something changes, cms/changes.py
forgets exactly the URLs it affects (cms/page_cache.py), the same set the proxy is sent.
"""

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control
from wagtail.models import Site

from cms import changes

# Sent with a page made while a change it shows was being committed (see process_response);
# deploy/varnish/default.vcl keeps such a page as if it had been purged already.
CHANGED_WHILE_RENDERING = "X-Changed-While-Rendering"


def _is_reader(request):
    user = getattr(request, "user", None)
    return request.method in ("GET", "HEAD") and not (user and user.is_authenticated)


def _is_site_host(request):
    """Whether the request names one of the sites' own hosts. The change pipeline forgets
    pages under those (cms.changes.Affected), so a copy kept under another allowed host (an
    app server's own address, which Wagtail answers with the default site) would never be
    forgotten. Wagtail keeps the sites' root URLs in the cache: no query."""
    host = request.get_host()
    return any(root.root_url.split("://", 1)[1] == host for root in Site.get_site_root_paths())


class FetchPageFromCacheMiddleware(FetchFromCacheMiddleware):
    """Serve a cached copy to anonymous readers (must come last in MIDDLEWARE)."""

    def process_request(self, request):
        if not _is_reader(request):
            request._cache_update_cache = False
            return None
        request._page_cache_reader = True
        if not settings.CACHE_MIDDLEWARE_SECONDS:
            request._cache_update_cache = False  # our page cache is off: nothing to look up
            return None
        if not _is_site_host(request):
            request._cache_update_cache = False  # still cacheable by the proxy
            return None
        return super().process_request(request)


class UpdatePageCacheMiddleware(UpdateCacheMiddleware):
    """Store pages rendered for anonymous readers (must come first in MIDDLEWARE)."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.page_timeout = settings.CACHE_MIDDLEWARE_SECONDS

    def process_response(self, request, response):
        if not getattr(request, "_page_cache_reader", False):
            return response  # a signed-in user, or not a GET: never stored
        if response.status_code == 200 and not response.cookies and "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.BROWSER_CACHE_SECONDS)
            if settings.PROXY_CACHE_SECONDS:  # the proxy is purged on change: it may keep longer
                patch_cache_control(response, s_maxage=settings.PROXY_CACHE_SECONDS)
                if changes.moved_since_read():
                    # A change committed while this page was made: its purge may reach the
                    # proxy before this page does, and the proxy would then keep the old
                    # state for s-maxage. The proxy stores it as already purged instead
                    # (deploy/varnish/default.vcl): the next reader starts a fresh fetch.
                    response[CHANGED_WHILE_RENDERING] = "1"
        if not self.page_timeout:
            # Our own page cache is off (e.g. Varnish caches instead): Django's middleware would
            # store nothing but rewrite the header to max-age=0, and the proxy would cache nothing.
            return response
        return super().process_response(request, response)
