"""The search cluster's part of /healthz/ (cms/health.py, settings.HEALTH_CHECKS)."""

from search import elastic


def check_search():
    """Elasticsearch answers and its cluster is not red; without ELASTICSEARCH_URL the
    database searches, which the database check covers."""
    if not elastic.enabled():
        return "database search"
    health = elastic.call(lambda client: client.cluster.health(), respect_backoff=False)
    if health["status"] == "red":
        raise RuntimeError(
            f"Elasticsearch cluster {health['cluster_name']} is red: "
            f"{health['unassigned_shards']} unassigned shards"
        )
    return f"cluster {health['status']}, {health['number_of_nodes']} nodes"
