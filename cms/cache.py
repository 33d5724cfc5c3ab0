"""The content version: one number that changes whenever published content changes.

Cached pages, feeds and fragments put it in their cache keys, so a publish, unpublish,
move or delete makes every cached copy stale at once without hunting for keys. It lives in
the default cache, so every process sharing that cache (file, database or Redis) sees the
same number; see CACHES in cms/settings/production.py.
"""

from django.core.cache import cache

VERSION_KEY = "cms:content-version"


def content_version():
    """The current content version (created on first use)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs):
    """Mark every cached page and feed stale. Usable directly as a signal receiver."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, timeout=None)


def per_content_version(name, compute, timeout=3600):
    """compute() once per content version (and at most every `timeout` seconds), shared by
    every process using the cache."""
    key = f"{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value
