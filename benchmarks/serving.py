"""Serving, side by side in one sitting: the nginx ceiling, Varnish, the origin, a newsroom.

    .venv/bin/python benchmarks/serving.py [--seconds 10] [--connections 16]
        [--mixed-seconds 120] [--at-scale 20000] [--baseline REF]

On the demo content plus 200 articles (SQLite), with the `make serve` stack (Redis,
gunicorn with production settings and `--workers` workers, Varnish with
deploy/varnish/default.vcl, the task worker that sends purges), Django's own page cache off
(PAGE_CACHE_SECONDS=0: Varnish is the cache, and the origin rows are uncached):

1. nginx serving the newest article's HTML as a static file: the ceiling on this machine;
2. that article and the home page through Varnish (cached);
3. the origin uncached (gunicorn directly): the article and the home page, also from the
   checkout of `--baseline REF` (another commit, served by its own gunicorn on the same
   database, its own cache keys) when given, so before and after are measured together;
   with `--at-scale N`, rows 1-3 again on a database with N more articles;
4. a mixed workload: wrk readers on the 200 newest items through Varnish while
   benchmarks/_newsroom.py posts a published comment a second and publishes an article a
   minute, reading each changed page through Varnish until it shows the change: Varnish's
   hit ratio, origin requests/second, reader p50/p99, the worst staleness and how many of
   its reads were staler than 1 s;
5. the memory of each gunicorn worker after the runs.

The machine's load average is printed with the figures: other work on it moves them.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._harness import (  # noqa: E402
    PYTHON,
    ROOT,
    NginxServer,
    cpu_seconds,
    free_port,
    seeded_database,
    shell_json,
    worker_memory,
    workers_of,
    wrk,
)
from scripts.gunicorn_server import GunicornServer  # noqa: E402
from scripts.serve import build_stack  # noqa: E402
from scripts.varnish_server import VarnishServer  # noqa: E402

READERS_PAGES = 200
# Runs in `manage.py shell`: the newest items' paths and the newest article open to comments.
PATHS = """
import json
from cms.models import ContentPage
from news.models import ArticlePage
items = ContentPage.objects.listed()[:{count}]
article = ArticlePage.objects.live().filter(comments_open=True).order_by("-sort_date").first()
print(json.dumps({{"items": [item.url for item in items], "article": article.url}}))
"""


def site_paths(env):
    return shell_json(env, PATHS.format(count=READERS_PAGES))


def stack_env(env, proxy_port):
    """The benchmark database's environment for the `make serve` stack on proxy_port."""
    proxy = f"http://127.0.0.1:{proxy_port}"
    return {
        **env,
        "WAGTAILADMIN_BASE_URL": proxy,
        "FRONTEND_CACHE_URL": proxy,
        "COMMENTS_TRUSTED_PROXIES": "1",
        "SECURE_HSTS_SECONDS": "0",
        "PAGE_CACHE_SECONDS": "0",
    }


def baseline_checkout(ref, folder):
    """The files of commit `ref` in `folder` (no git metadata), to serve as a baseline."""
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def measure(rows, label, env, proxy_port, args, baseline=None, mixed=False):
    """Rows 1-3 (and 4, 5 with `mixed`) on one seeded database; appends to `rows`."""
    env = stack_env(env, proxy_port)
    paths = site_paths(env)
    stack = build_stack(env, proxy_port, app_servers=1, workers=args.workers)
    with stack:
        origin = next(s for s in stack.services if isinstance(s, GunicornServer))
        varnish = next(s for s in stack.services if isinstance(s, VarnishServer))

        def load(name, url, server=None, **options):
            # An origin's rows also say how much CPU its workers spent per request.
            workers = workers_of(server.process.pid) if server else []
            if server:  # warm up outside the CPU count
                wrk(url, 2, args.connections, args.threads, warmup=0)
                options["warmup"] = 0
            before = cpu_seconds(workers)
            figures = wrk(url, args.seconds, args.connections, args.threads, **options)
            if server:
                figures["cpu_ms"] = (cpu_seconds(workers) - before) * 1000 / figures["requests"]
            rows.append((f"{label}: {name}", figures))
            print(f"{label}: {name}: {figures['rps']:.1f} req/s", flush=True)  # progress
            return figures

        with tempfile.TemporaryDirectory(prefix="cms-bench-static-") as static:
            Path(static).chmod(0o755)  # nginx's workers run as another user
            html = urllib.request.urlopen(origin.url + paths["article"], timeout=30).read()
            (Path(static) / "article.html").write_bytes(html)
            (Path(static) / "article.html").chmod(0o644)
            with NginxServer(static) as nginx:
                load("article, nginx static file (ceiling)", nginx.url + "/article.html")
        load("article through Varnish (cached)", varnish.url + paths["article"])
        load("home through Varnish (cached)", varnish.url + "/")
        origins = [("origin", origin)]
        if baseline is not None:
            before = GunicornServer(
                {**env, "CACHE_KEY_PREFIX": "baseline"}, workers=args.workers, root=baseline
            )
            origins.insert(0, (f"origin at {args.baseline}", before.start(timeout=60)))
        try:
            for page, path in (("article", paths["article"]), ("home", "/")):
                for name, server in origins:
                    load(f"{page}, {name} uncached", server.url + path, server)
        finally:
            if baseline is not None:
                before.stop()
        if mixed:
            rows.append((f"{label}: mixed workload", mixed_workload(varnish, env, paths, args)))
        memory = worker_memory(origin.process.pid)
    return memory


def mixed_workload(varnish, env, paths, args):
    script = Path(tempfile.mkstemp(prefix="cms-bench-", suffix=".lua")[1])
    script.write_text(
        "local paths = {" + ", ".join(json.dumps(path) for path in paths["items"]) + "}\n"
        "request = function() return wrk.format('GET', paths[math.random(#paths)]) end\n"
    )
    paths_file = script.with_suffix(".paths")
    paths_file.write_text("\n".join(paths["items"]))
    counters = ("MAIN.cache_hit", "MAIN.cache_miss", "MAIN.backend_req")
    # Every item once through Varnish first: the run measures a warm proxy, as in production.
    for path in paths["items"]:
        urllib.request.urlopen(varnish.url + path, timeout=30).read()
    before = {name: varnish.stat(name) for name in counters}
    newsroom = subprocess.Popen(
        [PYTHON, "benchmarks/_newsroom.py", varnish.url, str(args.mixed_seconds), paths_file],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    changes = []
    reader = threading.Thread(target=lambda: changes.extend(map(json.loads, newsroom.stdout)))
    reader.start()
    started = time.monotonic()
    figures = wrk(
        varnish.url + "/",
        args.mixed_seconds,
        args.connections,
        args.threads,
        warmup=0,
        script=str(script),
    )
    elapsed = time.monotonic() - started
    newsroom.wait(timeout=120)
    reader.join()
    after = {name: varnish.stat(name) for name in counters}
    script.unlink()
    paths_file.unlink()
    hits = after["MAIN.cache_hit"] - before["MAIN.cache_hit"]
    misses = after["MAIN.cache_miss"] - before["MAIN.cache_miss"]
    seen = [change["seconds"] for change in changes if change["seconds"] is not None]
    figures.update(
        hit_ratio=hits / max(hits + misses, 1),
        origin_rps=(after["MAIN.backend_req"] - before["MAIN.backend_req"]) / elapsed,
        comments=sum(change["change"] == "comment" for change in changes),
        publishes=sum(change["change"] == "publish" for change in changes),
        worst_staleness=max(seen, default=0.0),
        never_fresh=len(changes) - len(seen),
        stale_reads=sum(change["stale"] for change in changes),
        error_reads=sum(change["errors"] for change in changes),
    )
    return figures


def print_figures(rows, memory, load):
    ceilings = {}
    print(
        f"\n{'':<62} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'of nginx':>9} "
        f"{'CPU ms/req':>10}"
    )
    for name, figures in rows:
        scale = name.split(":")[0]
        if "ceiling" in name:
            ceilings[scale] = figures["rps"]
        share = (
            f"{figures['rps'] / ceilings[scale]:.0%}"
            if "Varnish" in name and scale in ceilings
            else ""
        )
        print(
            f"{name:<62} {figures['rps']:>9.1f} {figures['50%']:>8.1f} {figures['99%']:>8.1f} "
            f"{figures['non_2xx']:>8} {share:>9} "
            + (f"{figures['cpu_ms']:>10.1f}" if "cpu_ms" in figures else "")
        )
        if "hit_ratio" in figures:
            print(
                f"{'':<4}hit ratio {figures['hit_ratio']:.2%}, origin "
                f"{figures['origin_rps']:.1f} req/s, {figures['comments']} comments and "
                f"{figures['publishes']} publishes: worst staleness "
                f"{figures['worst_staleness']:.2f} s, reads staler than 1 s: "
                f"{figures['stale_reads']}, changes never seen: {figures['never_fresh']}, "
                f"error answers while watching: {figures['error_reads']}"
            )
    for pid, rss, pss in memory:
        print(f"gunicorn worker {pid}: RSS {rss:.0f} MB, PSS {pss:.0f} MB")
    print("load average (1 min) before / after: " + " / ".join(f"{value:.1f}" for value in load))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per wrk row")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--mixed-seconds", type=int, default=120)
    parser.add_argument(
        "--at-scale", type=int, default=0, help="also measure with this many more articles"
    )
    parser.add_argument("--baseline", help="also serve the origin from this commit")
    parser.add_argument("--keep", help="reuse/keep the demo database in this folder")
    args = parser.parse_args()

    load = [os.getloadavg()[0]]
    rows = []
    with tempfile.TemporaryDirectory(prefix="cms-bench-baseline-") as folder:
        baseline = baseline_checkout(args.baseline, Path(folder)) if args.baseline else None
        port = free_port()
        with seeded_database(READERS_PAGES, keep=args.keep, site_port=port) as env:
            memory = measure(
                rows, f"demo+{READERS_PAGES}", env, port, args, baseline=baseline, mixed=True
            )
        if args.at_scale:
            port = free_port()
            with seeded_database(args.at_scale, site_port=port) as env:
                measure(rows, f"+{args.at_scale}", env, port, args, baseline=baseline)
    load.append(os.getloadavg()[0])
    print(
        f"\nServing: gunicorn {args.workers} workers (production settings, page cache off), "
        f"Varnish, nginx; wrk {args.threads} threads x {args.connections} connections x "
        f"{args.seconds}s per row; SQLite; {time.strftime('%Y-%m-%d %H:%M')}"
    )
    print_figures(rows, memory, load)


if __name__ == "__main__":
    main()
