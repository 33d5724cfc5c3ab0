"""The Elasticsearch client library's side of search/elastic.py: the node pool that says
when a node stops and starts answering, and the library's errors.

Imported only once search runs on Elasticsearch (search/elastic.py `library()`): the client
packages (elasticsearch, elastic_transport) cost every process some 20 MB that a site
searching its database never uses.
"""

import logging
import threading

from elastic_transport import NodePool, TransportError
from elasticsearch import ApiError, Elasticsearch

# Node outages go to the logger operators read about the cluster (README "A cluster").
logger = logging.getLogger("search.elastic")

# What search/elastic.py takes from here.
__all__ = ["ELASTIC_ERRORS", "ApiError", "ClusterNodePool", "Elasticsearch"]

ELASTIC_ERRORS = (TransportError, ApiError)


def node_address(node):
    return f"{node.config.host}:{node.config.port}"


_reported_down = set()  # addresses of nodes said to be unavailable, in this process
_report_lock = threading.Lock()


class ClusterNodePool(NodePool):
    """The client's nodes; says in words when one stops answering and when it is back,
    once per outage in this process whichever client saw it.

    (elastic_transport logs every failure as "Node <Urllib3HttpNode(...)> has failed for N
    times in a row"; operators get one line per outage and one per recovery instead.)
    """

    def mark_dead(self, node, _now=None):
        super().mark_dead(node, _now)
        address = node_address(node)
        with _report_lock:
            if address in _reported_down:
                return
            _reported_down.add(address)
        others = len(self._all_nodes) - 1
        if others:
            logger.warning(
                "Elasticsearch node %s is unavailable; searching on the other %d.",
                address,
                others,
            )
        else:
            logger.warning("Elasticsearch node %s is unavailable.", address)

    def mark_live(self, node):
        super().mark_live(node)
        address = node_address(node)
        with _report_lock:
            if address not in _reported_down:
                return
            _reported_down.discard(address)
        logger.warning("Elasticsearch node %s answers again.", address)
