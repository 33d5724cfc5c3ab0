"""Scaling out: page and search throughput with 1 vs 2 app servers and 1 vs 3 search nodes.

The production shape of `make serve` (scripts/serve.py's build_stack): Varnish in front of
the gunicorn app servers (2 workers each), sharing one PostgreSQL and one Redis, with
Elasticsearch on one node or a three-node cluster (scripts/elasticsearch_node.py). Pages are
sent with no lifetime (BROWSER_CACHE_SECONDS=0, PAGE_CACHE_SECONDS=0), so Varnish stores
none and the app servers render every request: it is them that are measured, not the cache.

1. Seeds a throwaway PostgreSQL with the demo content plus --articles more.
2. For each search setup (one node, then a three-node cluster): starts it, fills the index
   (`manage.py rebuild_search_index`), then for 1 and then 2 app servers starts the stack
   and runs wrk through Varnish, cycling the home, listing, article, topic and author pages,
   then cycling the 200 fixed searches of benchmarks/search.py.
3. Prints one table with the four setups side by side, and the load average of the machine
   during each run (on a shared machine it decides the figures as much as the setup does).

    .venv/bin/python benchmarks/scale.py [--articles 5000] [--seconds 15] [--connections 8]
"""

import argparse
import os
import secrets
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._harness import (  # noqa: E402
    bench_env,
    load_average,
    manage,
    paths_script,
    wrk,
)
from benchmarks.search import queries  # noqa: E402
from benchmarks.site_pages import pick_urls  # noqa: E402
from scripts import _service as svc  # noqa: E402
from scripts.elasticsearch_node import ElasticsearchCluster, ElasticsearchNode  # noqa: E402
from scripts.postgres_server import PostgresServer  # noqa: E402
from scripts.serve import build_stack, stack_env  # noqa: E402

APP_SERVERS = (1, 2)
WORKERS = 2  # per app server, as `make serve`
HEAP = "512m"  # per Elasticsearch node: a modest share of a machine used by others too


def serving_env(database_env, port):
    """Production settings behind Varnish on `port`, nothing kept by any cache."""
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))  # stack_env reads it
    env = stack_env("127.0.0.1", port)
    for name in ("DATABASE_URL", "STATIC_ROOT", "MEDIA_ROOT"):
        env[name] = database_env[name]
    env.update(
        PAGE_CACHE_SECONDS="0",
        BROWSER_CACHE_SECONDS="0",
        TWO_FACTOR_REQUIRED="0",
        LOG_LEVEL="ERROR",
        ELASTICSEARCH_INDEX_PREFIX="bench",
    )
    return env


def check_through_varnish(base, search_path):
    """Refuse to measure a setup in which Varnish answers from its cache or search falls
    back to the database: the figures would not be the app servers' or Elasticsearch's."""
    for _ in range(2):
        with urllib.request.urlopen(base + "/", timeout=30) as response:
            cache = response.headers.get("X-Cache")
    if cache == "HIT":
        sys.exit("Varnish served the home page from its cache: pages must have no lifetime")
    with urllib.request.urlopen(base + search_path, timeout=30) as response:
        page = response.read().decode()
    if 'data-engine="elasticsearch"' not in page:
        sys.exit("the search page was not answered by Elasticsearch")


def measure_stack(env, app_servers, scripts, seconds, connections):
    """Start the stack with `app_servers` app servers; wrk figures for pages and search."""
    port = int(env["FRONTEND_CACHE_URL"].rsplit(":", 1)[1])
    # A copy: build_stack writes the fresh Redis it starts into the environment it is given.
    stack = build_stack(dict(env), port, app_servers, workers=WORKERS, jobs=False)
    with stack:
        base = stack.url
        check_through_varnish(base, "/search/?q=council")
        figures = {}
        for name, script in scripts.items():
            before = load_average()
            figures[name] = wrk(base + "/", seconds, connections, script=script)
            figures[name]["load"] = (before + load_average()) / 2
        return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="extra articles to seed")
    parser.add_argument("--seconds", type=int, default=15, help="each wrk run")
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="cms-scale-bench-"))
    with PostgresServer() as database:
        database_env = bench_env(
            database.url, STATIC_ROOT=str(folder / "static"), MEDIA_ROOT=str(folder / "media")
        )
        manage(database_env, "migrate", "--noinput", "-v0")
        manage(database_env, "seed_demo", "--articles", str(args.articles), quiet=True)
        manage(database_env, "collectstatic", "--noinput", "-v0")
        urls = pick_urls(database_env)
        print(f"seeded PostgreSQL: demo content + {args.articles:,} articles", flush=True)
        scripts = {
            "pages": paths_script(folder / "pages.lua", list(urls.values())),
            "search": paths_script(
                folder / "search.lua", [f"/search/?{query}" for query in queries()]
            ),
        }
        env = serving_env(database_env, svc.free_port())

        rows = []
        search_setups = (
            ("1 node", lambda: ElasticsearchNode(heap=HEAP, quick_jit=False)),
            ("3 nodes", lambda: ElasticsearchCluster(heap=HEAP, quick_jit=False)),
        )
        for label, make_search in search_setups:
            with make_search() as search:
                env["ELASTICSEARCH_URL"] = search.url
                manage(env, "rebuild_search_index", quiet=True)
                for app_servers in APP_SERVERS:
                    print(f"measuring {app_servers} app server(s), search on {label}…", flush=True)
                    figures = measure_stack(
                        env, app_servers, scripts, args.seconds, args.connections
                    )
                    rows.append((app_servers, label, figures))

    print(
        f"\nThrough Varnish (nothing cached), gunicorn {WORKERS} workers per app server, "
        f"PostgreSQL + Redis, Elasticsearch {HEAP} heap per node; wrk {args.connections} "
        f"connections x {args.seconds}s per run; {os.cpu_count()} cores shared with other work."
    )
    print(f"pages cycled: {', '.join(urls)}; search: the 200 fixed searches with facets\n")
    print(
        f"{'app servers':>11} {'search':>8} | {'pages req/s':>11} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'load':>5} | {'search req/s':>12} {'p50 ms':>7} {'p99 ms':>7} {'load':>5} | non-2xx"
    )
    for app_servers, label, f in rows:
        pages, search = f["pages"], f["search"]
        print(
            f"{app_servers:>11} {label:>8} | {pages['rps']:>11.1f} {pages['50%']:>7.0f} "
            f"{pages['99%']:>7.0f} {pages['load']:>5.1f} | {search['rps']:>12.1f} "
            f"{search['50%']:>7.0f} {search['99%']:>7.0f} {search['load']:>5.1f} | "
            f"{pages['non_2xx'] + search['non_2xx']}"
        )


if __name__ == "__main__":
    main()
