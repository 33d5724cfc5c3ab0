"""The cache every app server shares (Redis: cms/settings/base.py `redis_cache`).

A page reads a dozen entries (its fragments, the settings, the navigation, the private
paths), each a round trip to Redis. Each process remembers which keys an address read the
last time it served it, and the next request for that address reads them all at once
(`MGET`) before its view runs; its reads are then answered from what came back. Keys hold
the change stamps' versions (cms/changes.py), so after a change the keys are new ones, are
read one by one, and are remembered for the next time. Nothing outlives the request: what a
request took at its start is what it would have read a few milliseconds later.
"""

import threading
from contextlib import contextmanager

from django.core.cache import cache, caches
from django_redis.cache import RedisCache as DjangoRedisCache

# Addresses whose keys a process remembers; past it the table starts again.
MAX_ADDRESSES = 5_000
# More keys than any page reads: a request reading more stops recording them.
MAX_KEYS = 64

_learned = {}  # address -> keys its last request read
_request = threading.local()  # .taken: key -> value (or _MISSING) read at the start; .read


class _Missing:
    pass


_MISSING = _Missing()


class RedisCache(DjangoRedisCache):
    """django-redis, answering a request's first read of a key from what it took at its
    start. Later reads, and any read after the request wrote the key, go to Redis."""

    def get(self, key, default=None, version=None, client=None):
        taken = getattr(_request, "taken", None)
        if taken is None or version is not None or client is not None:
            return super().get(key, default, version, client)
        if len(_request.read) < MAX_KEYS:
            _request.read[key] = None
        value = taken.pop(key, None)
        if value is None:
            return super().get(key, default)
        return default if value is _MISSING else value

    def set(self, key, *args, **kwargs):
        _forget(key)
        return super().set(key, *args, **kwargs)

    def add(self, key, *args, **kwargs):
        _forget(key)
        return super().add(key, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        _forget(key)
        return super().delete(key, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        _forget(key)
        return super().incr(key, *args, **kwargs)

    def decr(self, key, *args, **kwargs):
        _forget(key)
        return super().decr(key, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        for key in data:
            _forget(key)
        return super().set_many(data, *args, **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        for key in keys:
            _forget(key)
        return super().delete_many(keys, *args, **kwargs)


def _forget(key):
    taken = getattr(_request, "taken", None)
    if taken is not None:
        taken.pop(key, None)


@contextmanager
def reading_ahead(address):
    """During the block, reads of the default cache are answered from one read of the keys
    `address` read last time (when the default cache is Redis), and are remembered."""
    if not isinstance(caches["default"], RedisCache) or hasattr(_request, "taken"):
        yield  # not Redis, or already inside a request's read-ahead (which ends it)
        return
    keys = _learned.get(address, ())
    found = cache.get_many(keys) if keys else {}
    _request.taken = {key: found.get(key, _MISSING) for key in keys}
    _request.read = {}
    try:
        yield
    finally:
        read = list(_request.read)
        del _request.taken, _request.read
        if len(_learned) >= MAX_ADDRESSES:
            _learned.clear()
        _learned[address] = read
