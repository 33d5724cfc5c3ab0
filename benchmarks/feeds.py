"""Feed throughput under gunicorn, measured with wrk: requests/second and latency.

    .venv/bin/python benchmarks/feeds.py [--articles 20000] [--seconds 10]

On a seeded database (demo content plus --articles bulk articles), for the site feed and a
topic feed:
  cold    every request builds the feed (FEED_CACHE_SECONDS=0),
  cached  the built XML comes from the cache (the one stamp query still runs),
  304     conditional GETs carrying the feed's ETag, answered 304 Not Modified.
Production settings (shared file cache), loopback only, each wrk run bounded by --seconds.
"""

import argparse
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._harness import gunicorn, print_table, seeded_database, wrk  # noqa: E402

FEEDS = {"site feed": "/feeds/rss/", "topic feed": "/topics/finance/feed/"}


def etag(url, times):
    """The feed's ETag, fetching it `times` times so every worker has built or cached it."""
    for _ in range(times):
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            value = response.headers["ETag"]
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20000, help="extra articles to seed")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", help="reuse/keep the seeded database in this folder")
    args = parser.parse_args()

    rows = []
    with seeded_database(args.articles, keep=args.keep) as env:
        for mode, cache_seconds in (("cold", "0"), ("cached", "3600")):
            server_env = {**env, "FEED_CACHE_SECONDS": cache_seconds}
            with gunicorn(server_env, workers=args.workers) as base:
                for name, path in FEEDS.items():
                    tag = etag(base + path, args.workers * 2)
                    rows.append((f"{name} {path} {mode}", wrk(base + path, args.seconds)))
                    if mode == "cached":
                        figures = wrk(base + path, args.seconds, headers=[f"If-None-Match: {tag}"])
                        rows.append((f"{name} {path} 304", figures))
    print(
        f"\nFeeds: gunicorn {args.workers} workers, SQLite, demo content + {args.articles} "
        f"articles, {args.seconds}s per row\n"
    )
    print_table(rows)


if __name__ == "__main__":
    main()
