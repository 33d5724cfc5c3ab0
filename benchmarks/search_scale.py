"""Search at national-archive scale: generated documents on a three-node cluster.

Run by hand (not part of CI or `make bench`):

1. Starts a three-node Elasticsearch cluster (scripts/elasticsearch_node.py, full JIT).
2. Generates --documents search documents (1,000,000 by default) from the demo corpus
   (demo/corpus.py with demo/builder.py's `fill` and `story_body`: the headlines,
   standfirsts and bodies seed_demo writes, spread over topics, authors, kinds and the
   years), not pages in the database, and indexes them into an index made with our
   settings and mapping (search/aliases.py) with parallel bulk requests
   (elasticsearch.helpers.parallel_bulk): documents/second. The replica is added once
   the primaries are loaded (the usual recipe: copying finished segments is cheaper than
   indexing every document twice); the time that takes is reported too.
3. Reports the index size, then runs the fixed 200 searches with facets of
   benchmarks/search.py through the Elasticsearch engine (query, facets, highlights,
   "did you mean") after two warm-up passes: p50 / p95 in milliseconds. Target: p95 < 100
   ms. The machine's load average is printed with them: on a shared machine it decides
   the figures more than the index does.

    .venv/bin/python benchmarks/search_scale.py [--documents 1000000] [--threads 2]
        [--chunk 1000] [--heap 512m]
"""

import argparse
import importlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from django.utils.text import slugify  # noqa: E402

from benchmarks.search import QUERY_COUNT, percentile, queries  # noqa: E402
from demo import corpus  # noqa: E402
from scripts.elasticsearch_node import ElasticsearchCluster  # noqa: E402

PREFIX = "scale"
# Distinct bodies generated and then shared out: writing a StreamField body and turning it
# into text costs more than indexing it, and the corpus has a few dozen paragraphs anyway.
BODIES = 5000
WARM_UP_PASSES = 2
KINDS = [("news", "news")] * 90 + [("last-word", "last-word")] * 7 + [("tv", "tv")] * 3


def generated_bodies():
    from cms.searchable import body_text
    from demo.builder import story_body

    rng = random.Random(2026)
    return [body_text(story_body(rng)) for _ in range(BODIES)]


def documents(count, index, bodies):
    """Bulk actions for `count` generated documents (the same ones every run)."""
    from demo.builder import fill

    rng = random.Random(2026)
    topics = [{"slug": slugify(name), "name": name} for name, _ in corpus.TOPICS]
    authors = [
        {"slug": slugify(person[0]), "name": person[0]}
        for person in corpus.STAFF + corpus.COLUMNISTS
    ]
    newest = time.time()
    for serial in range(count):
        topic = topics[serial % len(topics)]
        second = topics[(serial * 7 + 3) % len(topics)]
        templates = corpus.HEADLINES.get(topic["name"]) or corpus.HEADLINES["Finance"]
        kind, section = KINDS[serial % len(KINDS)]
        when = newest - 300 * serial  # five minutes apart: ten years for a million
        yield {
            "_index": index,
            "_id": serial + 1,
            "_source": {
                "page_id": serial + 1,
                "title": fill(rng.choice(templates), rng),
                "standfirst": rng.choice(corpus.STANDFIRSTS),
                "body": bodies[serial % BODIES],
                "topics": [topic] if second is topic else [topic, second],
                "authors": [authors[serial % len(authors)]],
                "kind": kind,
                "section": section,
                "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when)),
                "url": f"/{section}/scale-{serial + 1}/",
            },
        }


def load(es, count, threads, chunk):
    """Create the index, bulk-load it, add the replica; figures as a dict."""
    from elasticsearch.helpers import parallel_bulk

    from search import elastic
    from search.aliases import create_index, new_index_name

    es.options(ignore_status=404).indices.delete(index=f"{PREFIX}-content*")
    bodies = generated_bodies()
    name = create_index(es, new_index_name(), bulk_loading=True)
    es.indices.put_settings(
        index=name, settings={"index": {"auto_expand_replicas": False, "number_of_replicas": 0}}
    )
    started = time.monotonic()
    results = parallel_bulk(
        es,
        documents(count, name, bodies),
        thread_count=threads,
        chunk_size=chunk,
        queue_size=threads * 2,
    )
    for done, (ok, item) in enumerate(results, start=1):
        if not ok:
            sys.exit(f"Elasticsearch refused a document: {item}")
        if done % max(1, count // 10) == 0:
            rate = done / (time.monotonic() - started)
            print(f"  {done:>10,} documents, {rate:,.0f}/s", flush=True)
    es.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
    es.indices.refresh(index=name)
    loaded = time.monotonic() - started

    started = time.monotonic()
    # Back to our settings: one replica on a cluster.
    es.indices.put_settings(index=name, settings={"index": {"auto_expand_replicas": "0-1"}})
    es.cluster.health(index=name, wait_for_status="green", timeout="30m")
    replicated = time.monotonic() - started
    es.indices.put_alias(index=name, name=elastic.alias())
    store = es.indices.stats(index=name, metric="store")["indices"][name]
    return {
        "loaded": loaded,
        "replicated": replicated,
        "primary_bytes": store["primaries"]["store"]["size_in_bytes"],
        "total_bytes": store["total"]["store"]["size_in_bytes"],
    }


def measure():
    """Milliseconds of each of the fixed searches on the Elasticsearch engine, and hits."""
    from django.http import QueryDict

    from search.engines.elasticsearch import ElasticsearchEngine
    from search.models.synonyms import split_terms
    from search.params import parse
    from search.query_text import parse_text

    # The synonyms a fresh site starts with (there is no database here to read them from).
    starter = importlib.import_module("search.migrations.0002_synonyms_and_permissions")
    groups = [split_terms(terms) for terms, _note in starter.STARTER_SYNONYMS]
    known = {slugify(name) for name, _ in corpus.TOPICS}
    searches = [
        parse(QueryDict(query), lambda slugs: [s for s in slugs if s in known])
        for query in queries()
    ]
    engine = ElasticsearchEngine()

    def run(params):
        query = parse_text(params.text, groups=groups) if params.text else None
        return engine.search(params, query)

    for _ in range(WARM_UP_PASSES):  # connections, caches, global ordinals, the JIT
        for params in searches:
            run(params)
    timings, totals = [], []
    for params in searches:
        started = time.perf_counter()
        hits = run(params)
        timings.append((time.perf_counter() - started) * 1000)
        totals.append(hits.total)
    return timings, totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=2, help="parallel bulk requests")
    parser.add_argument("--chunk", type=int, default=1000, help="documents per bulk request")
    parser.add_argument("--heap", default="512m", help="each node's JVM heap")
    args = parser.parse_args()

    with ElasticsearchCluster(heap=args.heap, quick_jit=False) as cluster:
        print(f"cluster of {len(cluster.nodes)} nodes ({args.heap} heap each) at {cluster.url}")
        os.environ.update(
            DJANGO_SETTINGS_MODULE="cms.settings.test",
            ELASTICSEARCH_URL=cluster.url,
            ELASTICSEARCH_INDEX_PREFIX=PREFIX,
            ELASTICSEARCH_TIMEOUT="30",
        )
        import django

        django.setup()
        from search import elastic

        es = elastic.maintenance_client()
        print(
            f"indexing {args.documents:,} documents: {args.threads} parallel bulk requests "
            f"of {args.chunk:,}"
        )
        figures = load(es, args.documents, args.threads, args.chunk)
        rate = args.documents / figures["loaded"]
        print(
            f"indexed {args.documents:,} documents in {figures['loaded']:.0f}s: "
            f"{rate:,.0f} documents/second (primaries only, refresh off)"
        )
        print(f"replica built in {figures['replicated']:.0f}s")
        print(
            f"index size: {figures['primary_bytes'] / 2**20:,.0f} MiB of primaries, "
            f"{figures['total_bytes'] / 2**20:,.0f} MiB with the replica "
            f"({figures['primary_bytes'] / args.documents:,.0f} bytes a document)"
        )
        timings, totals = measure()
        load_average = os.getloadavg()[0]
        p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
        print(
            f"\n{QUERY_COUNT} fixed searches with facets on the Elasticsearch engine "
            f"(after {WARM_UP_PASSES} warm-up passes; machine load {load_average:.1f} on "
            f"{os.cpu_count()} cores), milliseconds:\n"
            f"  p50 {p50:.1f}  p95 {p95:.1f}  max {max(timings):.1f}  "
            f"mean hits {statistics.mean(totals):,.0f}"
        )
        verdict = "met" if p95 < 100 else "NOT met"
        print(f"target p95 < 100 ms: {verdict} ({p95:.1f} ms)")
        print(f"health: {elastic.cluster_health().summary}")


if __name__ == "__main__":
    main()
