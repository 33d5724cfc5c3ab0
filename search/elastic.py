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

_BACKOFF_KEY = "search:elasticsearch-down-until"
_clients = {}


ELASTIC_ERRORS = (TransportError, ApiError)
MAINTENANCE_TIMEOUT = 120.0


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


def client(timeout=None):
    """A client for ELASTICSEARCH_URL, shared by the process.

    Readers' queries use ELASTICSEARCH_TIMEOUT (5 s): better a fallback than a long wait.
    Index maintenance passes a longer `timeout`.
    """
    timeout = timeout or float(settings.ELASTICSEARCH_TIMEOUT)
    key = (url(), timeout)
    if key not in _clients:
        _clients[key] = Elasticsearch(
            url(), request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )
    return _clients[key]


def maintenance_client():
    """A client with a timeout long enough for bulk loads and index creation on a busy node."""
    return client(timeout=MAINTENANCE_TIMEOUT)


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
    """True if a call failed in the last ELASTICSEARCH_RETRY_AFTER seconds (in this cache)."""
    until = cache.get(_BACKOFF_KEY)
    return until is not None and until > time.time()


def mark_down():
    # After a failure, skip Elasticsearch for a while instead of making every request wait
    # for it; the drain command ignores this and always tries.
    seconds = settings.ELASTICSEARCH_RETRY_AFTER
    if seconds > 0:
        cache.set(_BACKOFF_KEY, time.time() + seconds, seconds)


def mark_up():
    cache.delete(_BACKOFF_KEY)


def call(operation, *, respect_backoff=True, maintenance=False):
    """Run `operation(client)`; any Elasticsearch failure becomes SearchUnavailable.

    maintenance: use the long-timeout client (index creation, bulk writes).
    """
    if not enabled():
        raise SearchUnavailable("ELASTICSEARCH_URL is not set.")
    if respect_backoff and recently_down():
        raise SearchUnavailable(f"Elasticsearch at {url()} failed moments ago; not retrying yet.")
    try:
        return operation(maintenance_client() if maintenance else client())
    except ELASTIC_ERRORS as exc:
        message = describe(exc)
        logger.warning(message)
        if not isinstance(exc, ApiError) or exc.meta.status >= 500:
            mark_down()
        raise SearchUnavailable(message) from exc
