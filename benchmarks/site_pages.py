"""Requests/second and latency of the home, listing and article pages under gunicorn + wrk.

The article is the newest with comments open: the page most readers hit, form and all.

.venv/bin/python benchmarks/site_pages.py [--articles 20000] [--seconds 10]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._harness import gunicorn, print_table, seeded_database, shell_json, wrk  # noqa: E402


def pick_urls(env):
    script = (
        "import json;from news.models import ArticlePage, NewsIndexPage;"
        "from cms.models import Topic, Author;"
        "a=ArticlePage.objects.live().filter(comments_open=True).order_by('-sort_date').first();"
        "print(json.dumps({'home': '/', 'listing': NewsIndexPage.objects.first().url,"
        "'listing page 5': NewsIndexPage.objects.first().url + '?page=5',"
        "'article': a.url, 'topic': '/topics/' + Topic.objects.first().slug + '/',"
        "'author': '/authors/' + Author.objects.first().slug + '/'}))"
    )
    return shell_json(env, script)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20000, help="extra articles to seed")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    with seeded_database(args.articles) as env:
        urls = pick_urls(env)
        for label, cache_seconds in (
            ("uncached (PAGE_CACHE_SECONDS=0)", "0"),
            ("page cache on (anonymous readers)", "600"),
        ):
            server_env = {**env, "PAGE_CACHE_SECONDS": cache_seconds}
            with gunicorn(server_env, workers=args.workers) as base:
                rows = [
                    (name, wrk(base + path, args.seconds, args.connections))
                    for name, path in urls.items()
                ]
            print(
                f"\n{label}: {args.articles} extra articles, gunicorn {args.workers} workers, "
                f"wrk {args.connections} connections x {args.seconds}s, SQLite"
            )
            print_table(rows)


if __name__ == "__main__":
    main()
