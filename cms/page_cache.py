"""Forgetting our own page cache's copies (cms/middleware.py stores them) of changed URLs."""

from hashlib import md5

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import _i18n_cache_key_suffix
from django.utils.encoding import iri_to_uri


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
