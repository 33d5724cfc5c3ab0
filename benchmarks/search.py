"""Search at scale: Elasticsearch against the database on the same 50,000+ articles.

1. Seeds a throwaway SQLite database with the demo content plus --articles more (50,000 by
   default; Wagtail's database search index is filled as they are added).
2. Starts an Elasticsearch node (scripts/elasticsearch_node.py) and runs
   `manage.py rebuild_search_index`: documents/second.
3. Runs a fixed set of 200 realistic searches (words, phrases, synonyms, misspellings,
   topic / section / date facets, newest-first, page 2) through ContentSearch on each
   engine, after one warm-up pass: p50 / p95 latency in milliseconds. Target: Elasticsearch
   p95 under 50 ms.
4. Serves the site with gunicorn and runs wrk against the search page, cycling through the
   same 200 searches: requests/second on each engine.

    .venv/bin/python benchmarks/search.py [--articles 50000] [--seconds 15] [--keep DIR]

--keep DIR keeps (and on later runs reuses) the seeded database in DIR.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from django.utils.text import slugify  # noqa: E402

from benchmarks._harness import (  # noqa: E402
    PYTHON,
    ROOT,
    bench_env,
    gunicorn,
    manage,
    paths_script,
    wrk,
)
from demo import corpus  # noqa: E402

QUERY_COUNT = 200
WORDS = [
    "council", "budget", "housing", "NHS", "social care", "procurement", "cyber attack",
    "devolution", "section 114", "pay", "schools", "police", "apprenticeships", "net zero",
    "digital", "ransomware", "care workers", "mayor", "funding", "waiting lists",
    "integrated care board", "chief executive", "contract", "framework", "workforce",
    "council tax", "bus network", "planning applications", "recruitment", "pensions",
]  # fmt: skip
PHRASES = ['"social care"', '"waiting lists"', '"chief executive"', '"council tax"']
SYNONYMS = ["local authority", "National Health Service", "accident and emergency", "GP"]
MISSPELLINGS = ["councl", "procurment", "hosing", "recruitmnt", "ransomwear", "devolusion"]
TOPICS = [slugify(name) for name, _description in corpus.TOPICS]


def queries():
    """The fixed 200 query strings (same every run)."""
    rng = random.Random(2026)
    found = []
    while len(found) < QUERY_COUNT:
        roll = rng.random()
        params = {}
        if roll < 0.08:
            pass  # browsing a topic or section, no words
        elif roll < 0.18:
            params["q"] = rng.choice(PHRASES)
        elif roll < 0.26:
            params["q"] = rng.choice(SYNONYMS)
        elif roll < 0.32:
            params["q"] = rng.choice(MISSPELLINGS)
        elif roll < 0.6:
            params["q"] = " ".join(rng.sample(WORDS, 2))
        else:
            params["q"] = rng.choice(WORDS)
        if rng.random() < 0.35 or "q" not in params:
            params["topic"] = rng.choice(TOPICS)
        if rng.random() < 0.2:
            params["type"] = rng.choice(["news", "last-word", "tv"])
        if rng.random() < 0.2:
            params["date"] = rng.choice(["past-week", "past-month", "past-year", "older"])
        if rng.random() < 0.3:
            params["sort"] = "newest"
        if "q" not in params and rng.random() < 0.5:
            params["page"] = 2  # browsing a topic: always more than one page
        found.append(urlencode(params))
    return found


def measure():
    """(Child process, inside Django) time ContentSearch.results() for every query."""
    import django

    django.setup()
    from django.http import QueryDict

    from search.params import parse
    from search.queries import ContentSearch, default_engine
    from search.query_text import parse_text
    from search.views import existing_topics

    searches = [parse(QueryDict(query), existing_topics) for query in queries()]
    started = time.monotonic()
    for params in searches:  # warm-up: connections, caches, the spelling vocabulary
        ContentSearch(params).results()
    print(f"  warm-up pass: {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)
    engine = default_engine()
    figures = {"full": [], "engine": [], "engines": set(), "totals": []}
    for params in searches:
        query = parse_text(params.text) if params.text else None
        started = time.perf_counter()
        engine.search(params, query)
        figures["engine"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        results = ContentSearch(params).results()
        figures["full"].append((time.perf_counter() - started) * 1000)
        figures["engines"].add(results.engine)
        figures["totals"].append(results.total)
    figures["engines"] = sorted(figures["engines"])
    print(json.dumps(figures))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_measure(env):
    output = subprocess.run(
        [PYTHON, __file__, "--measure"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    if output.returncode:
        sys.exit("measuring failed (see above)")
    return json.loads(output.stdout.strip().splitlines()[-1])


def seed(folder, articles):
    database = folder / "bench.sqlite3"
    env = bench_env(
        f"sqlite:///{database}",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        CACHE_DIR=str(folder / "cache"),
        PAGE_CACHE_SECONDS="0",
    )
    marker = folder / f"seeded-{articles}"
    # Both also bring a kept database and its static files up to date with the code.
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if marker.exists():
        print(f"reusing the database seeded with {articles:,} articles in {folder}")
        return env
    started = time.monotonic()
    manage(env, "seed_demo", "--articles", str(articles), quiet=True)
    marker.touch()
    print(f"seeded demo content + {articles:,} articles in {time.monotonic() - started:.0f}s")
    return env


def search_page_script(folder):
    """A wrk Lua script requesting the 200 searches in turn."""
    return paths_script(folder / "search.lua", [f"/search/?{query}" for query in queries()])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--seconds", type=int, default=15, help="wrk duration per engine")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--keep", help="keep and reuse the seeded database in this folder")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure()

    from scripts.elasticsearch_node import ElasticsearchNode

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cms-search-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    database_env = seed(folder, args.articles)
    script = search_page_script(folder)

    with ElasticsearchNode(heap="1g", quick_jit=False) as node:
        elastic_env = {
            **database_env,
            "ELASTICSEARCH_URL": node.url,
            "ELASTICSEARCH_INDEX_PREFIX": "bench",
        }
        output = subprocess.run(
            [PYTHON, "manage.py", "rebuild_search_index"],
            cwd=ROOT,
            env=elastic_env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        indexed = [line for line in output.splitlines() if line.startswith("Indexed")]
        print(indexed[0].split("; ")[0] if indexed else output[-500:])

        rows = []
        for label, env in (
            ("Elasticsearch", elastic_env),
            ("database (SQLite FTS5)", database_env),
        ):
            print(f"measuring {label}…", flush=True)
            rows.append((label, run_measure(env)))
        print(
            f"\n{QUERY_COUNT} searches with facets (after a warm-up pass), milliseconds:\n"
            "  engine = the engine's search call (query, facets, highlights, suggestion)\n"
            "  full   = ContentSearch.results(): that plus loading the result pages from the\n"
            "           database and building facet links (all but HTML rendering)"
        )
        print(
            f"{'engine':<24} {'engine p50':>10} {'p95':>7} {'full p50':>9} {'p95':>7} "
            f"{'max':>7} {'mean hits':>10}  served by"
        )
        for label, f in rows:
            print(
                f"{label:<24} {percentile(f['engine'], 0.5):>10.1f} "
                f"{percentile(f['engine'], 0.95):>7.1f} {percentile(f['full'], 0.5):>9.1f} "
                f"{percentile(f['full'], 0.95):>7.1f} {max(f['full']):>7.1f} "
                f"{statistics.mean(f['totals']):>10,.0f}  {', '.join(f['engines'])}"
            )
        elastic_p95 = percentile(rows[0][1]["engine"], 0.95)
        verdict = "met" if elastic_p95 < 50 else "NOT met"
        print(f"target Elasticsearch p95 < 50 ms: {verdict} ({elastic_p95:.1f} ms)")

        print(
            f"\nsearch page under wrk ({args.connections} connections x {args.seconds}s, "
            f"gunicorn {args.workers} workers, cycling the {QUERY_COUNT} searches):"
        )
        print(
            f"{'engine':<26} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'non-2xx':>8}"
        )
        for label, env in (
            ("Elasticsearch", elastic_env),
            ("database (SQLite FTS5)", database_env),
        ):
            with gunicorn(env, workers=args.workers) as base:
                f = wrk(base + "/search/", args.seconds, args.connections, script=script)
            print(
                f"{label:<26} {f['rps']:>8.1f} {f['50%']:>8.1f} {f['90%']:>8.1f} "
                f"{f['99%']:>8.1f} {f['non_2xx']:>8}"
            )


if __name__ == "__main__":
    main()
