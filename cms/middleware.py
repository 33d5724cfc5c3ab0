"""Whole-page caching for anonymous readers, invalidated by the content version.

Built on Django's cache middleware, which already refuses to cache responses that set a
cookie for a cookie-less request (so a page carrying a reader's CSRF token is never shared
between readers; item pages leave the token out of their comment form for that reason)
and anything marked private or no-cache. On top of that we skip
signed-in users, key every entry by the content version, and tell browsers to keep pages
for only a short while.
"""

import threading

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control

from cms.cache import content_version

_current = threading.local()


def _is_reader(request):
    user = getattr(request, "user", None)
    return request.method in ("GET", "HEAD") and not (user and user.is_authenticated)


class VersionedKeyPrefix:
    """Cache keys carry the content version read when this request started."""

    @property
    def key_prefix(self):
        return getattr(_current, "key_prefix", settings.CACHE_MIDDLEWARE_KEY_PREFIX)

    @key_prefix.setter
    def key_prefix(self, value):
        """Django's __init__ assigns the static prefix; the property computes it instead."""


class FetchPageFromCacheMiddleware(VersionedKeyPrefix, FetchFromCacheMiddleware):
    """Serve a cached copy to anonymous readers (must come last in MIDDLEWARE)."""

    def process_request(self, request):
        if not _is_reader(request):
            request._cache_update_cache = False
            return None
        _current.key_prefix = f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:{content_version()}"
        request._page_cache_prefix = _current.key_prefix
        return super().process_request(request)


class UpdatePageCacheMiddleware(VersionedKeyPrefix, UpdateCacheMiddleware):
    """Store pages rendered for anonymous readers (must come first in MIDDLEWARE)."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.page_timeout = settings.CACHE_MIDDLEWARE_SECONDS

    def process_response(self, request, response):
        prefix = getattr(request, "_page_cache_prefix", None)
        if prefix is None:  # a signed-in user, or not a GET: never stored
            return response
        _current.key_prefix = prefix
        if response.status_code == 200 and not response.cookies and "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.BROWSER_CACHE_SECONDS)
            if settings.PROXY_CACHE_SECONDS:  # the proxy is purged on publish: it may keep longer
                patch_cache_control(response, s_maxage=settings.PROXY_CACHE_SECONDS)
        if not self.page_timeout:
            # Our own page cache is off (e.g. Varnish caches instead): Django's middleware would
            # store nothing but rewrite the header to max-age=0, and the proxy would cache nothing.
            return response
        return super().process_response(request, response)
