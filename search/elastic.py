"""The Elasticsearch connection: client, index names, and what "unavailable" means.

Everything that talks to Elasticsearch goes through `client()` and turns failures into
`SearchUnavailable`, so callers handle one exception and readers never see a 500.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch

logger = logging.getLogger(__name__)

# After a failure, skip Elasticsearch for this long instead of making every request wait
# for it; the drain command ignores this and always tries.
BACKOFF_SECONDS = 30
_BACKOFF_KEY = "search:elasticsearch-down-until"
_clients = {}


ELASTIC_ERRORS = (TransportError, ApiError)


class SearchUnavailable(Exception):
    """Elasticsearch could not answer; the message says where and why, for operators."""


def enabled():
    """True when ELASTICSEARCH_URL is set: our search runs on Elasticsearch."""
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def url():
    return settings.ELASTICSEARCH_URL


def alias():
    """The name readers' queries use; it points at one versioned index at a time."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-content"


def client():
    """A client for ELASTICSEARCH_URL, shared by the process."""
    key = (url(), request_timeout())
    if key not in _clients:
        _clients[key] = Elasticsearch(
            url(), request_timeout=request_timeout(), max_retries=0, retry_on_timeout=False
        )
    return _clients[key]


def request_timeout():
    return float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 5))


def describe(exc):
    """A one-line, operator-friendly description of an Elasticsearch failure."""
    if isinstance(exc, ApiError):
        reason = exc.message
        info = exc.info if isinstance(exc.info, dict) else {}
        error = info.get("error")
        if isinstance(error, dict):
            reason = error.get("reason") or error.get("type") or reason
        return f"Elasticsearch at {url()} refused the request ({exc.meta.status}): {reason}"
    return f"Elasticsearch at {url()} is unreachable: {exc}"


def recently_down():
    """True if a call failed in the last BACKOFF_SECONDS (in this cache)."""
    until = cache.get(_BACKOFF_KEY)
    return until is not None and until > time.time()


def mark_down():
    cache.set(_BACKOFF_KEY, time.time() + BACKOFF_SECONDS, BACKOFF_SECONDS)


def mark_up():
    cache.delete(_BACKOFF_KEY)


def call(operation, *, respect_backoff=True):
    """Run `operation(client)`; any Elasticsearch failure becomes SearchUnavailable."""
    if not enabled():
        raise SearchUnavailable("ELASTICSEARCH_URL is not set.")
    if respect_backoff and recently_down():
        raise SearchUnavailable(f"Elasticsearch at {url()} failed moments ago; not retrying yet.")
    try:
        return operation(client())
    except ELASTIC_ERRORS as exc:
        message = describe(exc)
        logger.warning(message)
        if not isinstance(exc, ApiError) or exc.meta.status >= 500:
            mark_down()
        raise SearchUnavailable(message) from exc
