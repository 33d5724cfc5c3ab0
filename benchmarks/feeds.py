"""Feed throughput under gunicorn, measured with wrk: prints requests/second.

    .venv/bin/python benchmarks/feeds.py [--articles N] [--duration 10] [--port 8093]

Builds a seeded SQLite database in var/bench-feeds/ (`seed_demo`, plus N bulk articles),
then, for the site feed and a topic feed, measures
  cold    every request builds the feed (FEED_CACHE_SECONDS=0),
  cached  the built XML comes from the cache (the stamp query still runs),
  304     conditional GETs with the feed's ETag, answered 304 Not Modified.
Only 127.0.0.1 is contacted; each wrk run is bounded by --duration.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
FEEDS = {"site feed": "/feeds/rss/", "topic feed": "/topics/finance/feed/"}


def environment(work, cache_seconds):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        FEED_CACHE_SECONDS=str(cache_seconds),
        LOG_LEVEL="ERROR",
    )
    return env


def seed(work, articles, port):
    env = environment(work, 0)
    marker = work / f"seeded-{articles}"
    if marker.exists():
        return
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run = [PY, "manage.py"]
    subprocess.run([*run, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    command = [*run, "seed_demo", "--host", "127.0.0.1", "--port", str(port)]
    if articles:
        command += ["--articles", str(articles)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    marker.touch()


class Server:
    """gunicorn serving the site on 127.0.0.1:port, stopped on exit."""

    def __init__(self, work, port, cache_seconds, workers):
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=environment(work, cache_seconds),
        )

    def __enter__(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/robots.txt", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not answer at {self.url}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def etag(self, path):
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            response.read()
            return response.headers["ETag"]


def wrk(url, duration, connections, header=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if header:
        command[1:1] = ["-H", header]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = re.search(r"50%\s+([\d.]+\w+)", output).group(1)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, latency, int(non_2xx.group(1)) if non_2xx else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="bulk articles to add")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8093)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    work = ROOT / "var" / "bench-feeds"
    seed(work, args.articles, args.port)
    rows = []
    for mode, cache_seconds in (("cold", 0), ("cached", 3600)):
        with Server(work, args.port, cache_seconds, args.workers) as server:
            for name, path in FEEDS.items():
                etag = server.etag(path)  # also warms each worker's cache on the way
                for _ in range(args.workers * 2):
                    server.etag(path)
                rows.append((name, mode, *wrk(server.url + path, args.duration, args.connections)))
                if mode == "cached":
                    result = wrk(
                        server.url + path,
                        args.duration,
                        args.connections,
                        header=f"If-None-Match: {etag}",
                    )
                    rows.append((name, "304", *result))

    print(
        f"\nFeeds under gunicorn ({args.workers} workers, SQLite, "
        f"{args.connections} connections, {args.duration}s each, "
        f"demo content + {args.articles} bulk articles)\n"
    )
    print(f"{'feed':<12} {'mode':<8} {'req/s':>10} {'median':>10} {'errors':>7}")
    for name, mode, rate, latency, errors in rows:
        print(f"{name:<12} {mode:<8} {rate:>10,.1f} {latency:>10} {errors:>7}")


if __name__ == "__main__":
    main()
