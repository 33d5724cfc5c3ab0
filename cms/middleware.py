"""Whole-page caching for anonymous readers, forgotten page by page by the change pipeline.

Built on Django's cache middleware, which already refuses to cache responses that set a
cookie for a cookie-less request (so a page carrying a reader's CSRF token is never shared
between readers; item pages leave the token out of their comment form for that reason)
and anything marked private or no-cache. On top of that we skip signed-in users and tell
browsers to keep pages for only a short while. When something changes, cms/changes.py
forgets exactly the URLs it affects (`forget_cached_pages`), the same set the proxy is sent.
"""

from hashlib import md5

from django.conf import settings
from django.core.cache import caches
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import _i18n_cache_key_suffix, patch_cache_control
from django.utils.encoding import iri_to_uri
from wagtail.models import Site


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
        if not self.page_timeout:
            # Our own page cache is off (e.g. Varnish caches instead): Django's middleware would
            # store nothing but rewrite the header to max-age=0, and the proxy would cache nothing.
            return response
        return super().process_response(request, response)


class _KeyRequest:
    """Just enough of a request for Django's cache-key suffix (language, time zone)."""


def forget_cached_pages(urls):
    """Forget our cached copies of these absolute URLs (over http and https).

    Django finds a cached page through a header entry named after the URL; without it the
    next request is a miss and stores a fresh copy. (Django has no public API for this key;
    it is the one `django.utils.cache._generate_cache_header_key` makes.)
    """
    if not settings.CACHE_MIDDLEWARE_SECONDS or not urls:
        return
    keys = []
    for url in urls:
        rest = url.split("://", 1)[-1]
        for scheme in ("http", "https"):
            digest = md5(iri_to_uri(f"{scheme}://{rest}").encode("ascii"), usedforsecurity=False)
            prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
            key = f"views.decorators.cache.cache_header.{prefix}.{digest.hexdigest()}"
            keys.append(_i18n_cache_key_suffix(_KeyRequest(), key))
    caches[settings.CACHE_MIDDLEWARE_ALIAS].delete_many(keys)
