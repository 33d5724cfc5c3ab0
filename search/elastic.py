"""The Elasticsearch connection: client, index names, and what "unavailable" means.

Everything that talks to Elasticsearch goes through `client()` and turns failures into
`SearchUnavailable`, so callers handle one exception and readers never see a 500.

ELASTICSEARCH_URL names one node or several (comma-separated) of one cluster. The client
spreads requests over all of them; a request to a node that does not answer is retried on
the next one, and that node is left alone for a while (logged once, in operators' words).
`cluster_health()` says how the cluster is (for check_search_index and health checks).
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_BACKOFF_KEY = "search:elasticsearch-down-until"
_clients = {}

MAINTENANCE_TIMEOUT = 120.0


class SearchUnavailable(Exception):
    """Elasticsearch could not answer; the message says where and why, for operators."""


def enabled():
    """True when ELASTICSEARCH_URL is set: our search runs on Elasticsearch."""
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def urls():
    """The nodes named by ELASTICSEARCH_URL, in order."""
    return [part.strip() for part in settings.ELASTICSEARCH_URL.split(",") if part.strip()]


def url():
    """The nodes, as operators wrote them (for messages)."""
    return ", ".join(urls())


def library():
    """search/es_client.py: the client library and what it raises, loaded at first use."""
    # Imported here, not at the top: only a site with ELASTICSEARCH_URL needs the client
    # packages (some 20 MB in every process otherwise).
    from search import es_client

    return es_client


def alias():
    """The name readers' queries use; it points at one versioned index at a time."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-content"


def client(timeout=None):
    """A client for ELASTICSEARCH_URL, shared by the process.

    Readers' queries use ELASTICSEARCH_TIMEOUT (5 s): better a fallback than a long wait.
    Index maintenance passes a longer `timeout`.
    """
    timeout = timeout or float(settings.ELASTICSEARCH_TIMEOUT)
    nodes = urls()
    key = (tuple(nodes), timeout)
    if key not in _clients:
        # One node: fail at once (the database answers readers). Several: a request a node
        # cannot answer (down, overloaded, timed out) is tried on each of the others.
        es = library()
        _clients[key] = es.Elasticsearch(
            nodes,
            request_timeout=timeout,
            max_retries=len(nodes) - 1,
            retry_on_timeout=len(nodes) > 1,
            node_pool_class=es.ClusterNodePool,
        )
    return _clients[key]


def _health_client(timeout):
    """A client of its own for health questions: while a cluster elects a master every node
    answers them 503, which must not count against the nodes readers' searches use (those
    need no master). A node that does not answer is still skipped for the next."""
    nodes = urls()
    key = ("health", tuple(nodes), timeout)
    if key not in _clients:
        _clients[key] = library().Elasticsearch(
            nodes, request_timeout=timeout, max_retries=len(nodes) - 1, retry_on_status=()
        )
    return _clients[key]


def maintenance_client():
    """A client with a timeout long enough for bulk loads and index creation on a busy node."""
    return client(timeout=MAINTENANCE_TIMEOUT)


def describe(exc):
    """A one-line, operator-friendly description of an Elasticsearch failure."""
    if isinstance(exc, library().ApiError):
        reason = exc.message
        info = exc.info if isinstance(exc.info, dict) else {}
        error = info.get("error")
        if isinstance(error, dict):
            reason = error.get("reason") or error.get("type") or reason
        return f"Elasticsearch at {url()} refused the request ({exc.meta.status}): {reason}"
    if len(urls()) > 1:
        return f"No Elasticsearch node answers ({url()}): {exc}"
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
    es = library()
    try:
        return operation(maintenance_client() if maintenance else client())
    except es.ELASTIC_ERRORS as exc:
        message = describe(exc)
        logger.warning(message)
        if not isinstance(exc, es.ApiError) or exc.meta.status >= 500:
            mark_down()
        raise SearchUnavailable(message) from exc


@dataclass
class ClusterHealth:
    """The cluster's health as Elasticsearch reports it (GET _cluster/health)."""

    status: str  # green, yellow or red
    nodes: int
    data_nodes: int
    active_shards: int
    unassigned_primary_shards: int
    unassigned_replica_shards: int
    initializing_shards: int
    relocating_shards: int

    @property
    def ok(self):
        """Every index answers searches (yellow: some replica copies are missing)."""
        return self.status in ("green", "yellow")

    @property
    def summary(self):
        """One line for operators, e.g. "cluster health yellow: 2 nodes, 1 unassigned
        replica shard"."""
        parts = [_count(self.nodes, "node")]
        for count, what in (
            (self.unassigned_primary_shards, "unassigned primary shard"),
            (self.unassigned_replica_shards, "unassigned replica shard"),
            (self.initializing_shards, "initializing shard"),
            (self.relocating_shards, "relocating shard"),
        ):
            if count:
                parts.append(_count(count, what))
        return f"cluster health {self.status}: {', '.join(parts)}"


def _count(number, thing):
    return f"{number} {thing}{'' if number == 1 else 's'}"


_last_status = {}
_status_lock = threading.Lock()


def cluster_health(wait_for_status=None, wait_seconds=0):
    """How the cluster is now; raises SearchUnavailable if no node answers.

    A change of status (green, yellow, red) since this process last asked is logged: a
    warning when it is not green, info when it is green again. wait_for_status: wait up to
    `wait_seconds` for that status (the answer says whether it came). Unlike `call()`, a
    failure here does not make readers' searches back off.
    """
    params = {"timeout": f"{wait_seconds}s"}
    if wait_for_status:
        params["wait_for_status"] = wait_for_status
    if not enabled():
        raise SearchUnavailable("ELASTICSEARCH_URL is not set.")
    es = _health_client(max(float(settings.ELASTICSEARCH_TIMEOUT), wait_seconds + 5.0))
    try:
        # 408: the status asked for did not come in time; the body still says how it is.
        body = es.options(ignore_status=408).cluster.health(**params).body
    except library().ELASTIC_ERRORS as exc:
        message = describe(exc)
        logger.warning(message)
        raise SearchUnavailable(message) from exc
    health = ClusterHealth(
        status=body["status"],
        nodes=body["number_of_nodes"],
        data_nodes=body["number_of_data_nodes"],
        active_shards=body["active_shards"],
        # A primary without a copy makes the cluster red; a missing replica only yellow.
        unassigned_primary_shards=body.get("unassigned_primary_shards", 0),
        unassigned_replica_shards=body["unassigned_shards"]
        - body.get("unassigned_primary_shards", 0),
        initializing_shards=body["initializing_shards"],
        relocating_shards=body["relocating_shards"],
    )
    with _status_lock:
        before = _last_status.get(url())
        _last_status[url()] = health.status
    if before is not None and before != health.status:
        level = logging.INFO if health.status == "green" else logging.WARNING
        logger.log(level, "Elasticsearch %s (was %s).", health.summary, before)
    elif before is None and health.status != "green":
        logger.warning("Elasticsearch %s.", health.summary)
    return health
