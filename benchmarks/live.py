"""Live coverage through Varnish: what a thousand polling readers cost the origin.

    .venv/bin/python benchmarks/live.py [--readers 1000] [--interval 5] [--seconds 60]
        [--entry-every 10]

The demo site under gunicorn (production settings) behind Varnish (deploy/varnish/
default.vcl, with purges from the app as in `make serve`). `--readers` simulated readers
each poll the demo live page's `updates/?since=<newest they have>` every `--interval`
seconds (with the ETag they were given, as live.js does through the browser's cache),
while an editor posts an entry every `--entry-every` seconds. Reported: requests readers
made, requests that reached the origin (varnishstat MAIN.backend_req), origin requests per
entry, and how long the slowest reader took to get each entry. The interval is shorter
than the site's 20 s so that a minute shows several entries; the origin's cost per entry
does not depend on it.
"""

import argparse
import json
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._harness import (  # noqa: E402
    PYTHON,
    ROOT,
    free_port,
    gunicorn,
    manage,
    seeded_database,
)
from scripts.varnish_server import VarnishServer  # noqa: E402

PAGE = "/news/budget-day-live/"
# Runs in `manage.py shell`: posts `count` entries `every` seconds apart, printing each.
POSTER = """
import sys, time
from live.models import LiveEntry, LivePage
page = LivePage.objects.get(slug="budget-day-live")
for number in range({count}):
    time.sleep({every})
    entry = LiveEntry.objects.create(
        page=page, body=[{{"type": "paragraph", "value": "<p>Benchmark entry %d</p>" % number}}]
    )
    print("posted", entry.pk, time.time(), flush=True)
"""


class Reader:
    """One reader's page: the newest entry it has and the ETag of its last answer."""

    def __init__(self, since):
        self.since, self.etag = since, None


def poll(base, reader, seen, lock):
    request = urllib.request.Request(f"{base}{PAGE}updates/?since={reader.since}")
    if reader.etag:
        request.add_header("If-None-Match", reader.etag)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            data = json.loads(response.read())
            reader.etag = response.headers["ETag"]
    except urllib.error.HTTPError as error:
        if error.code != 304:
            raise
        return 304
    now = time.time()
    with lock:
        for entry in data["entries"]:
            seen.setdefault(entry["id"], []).append(now)
    reader.since = data["latest"]
    return 200


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between polls")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long readers poll")
    parser.add_argument("--entry-every", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", help="reuse/keep the seeded database in this folder")
    args = parser.parse_args()

    proxy_port = free_port()
    with seeded_database(0, keep=args.keep) as env:
        # The site's address is the proxy's, so purges name the URLs readers ask for.
        manage(env, "seed_demo", "--host", "127.0.0.1", "--port", str(proxy_port), quiet=True)
        env = {**env, "FRONTEND_CACHE_URL": f"http://127.0.0.1:{proxy_port}"}
        with gunicorn(env, workers=args.workers) as origin:
            origin_port = int(origin.rsplit(":", 1)[1])
            with VarnishServer(backend_port=origin_port, port=proxy_port) as varnish:
                rows = run(varnish, env, args)
    print(
        f"\nLive coverage: {args.readers} readers polling every {args.interval:g}s for "
        f"{args.seconds:g}s through Varnish, an entry every {args.entry_every:g}s, "
        f"gunicorn {args.workers} workers, SQLite\n"
    )
    for name, value in rows:
        print(f"{name:<46} {value:>16}")


def run(varnish, env, args):
    base = varnish.url
    with urllib.request.urlopen(f"{base}{PAGE}updates/?since=0", timeout=30) as response:
        latest = json.loads(response.read())["latest"]
    readers = [Reader(latest) for _ in range(args.readers)]
    seen, lock, answers = {}, threading.Lock(), {200: 0, 304: 0}
    count = int(args.seconds // args.entry_every)
    poster = subprocess.Popen(
        [PYTHON, "manage.py", "shell", "-c", POSTER.format(count=count, every=args.entry_every)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    before = varnish.stat("MAIN.backend_req")
    started = time.monotonic()
    # Each reader polls at its own offset within the interval, as real readers do.
    due = sorted((random.uniform(0, args.interval), index) for index in range(args.readers))
    with ThreadPoolExecutor(max_workers=32) as pool:
        futures = []
        while time.monotonic() - started < args.seconds:
            now = time.monotonic() - started
            while due and due[0][0] <= now:
                at, index = due.pop(0)
                futures.append(pool.submit(poll, base, readers[index], seen, lock))
                due.append((at + args.interval, index))
            due.sort()
            time.sleep(0.01)
        for future in futures:
            answers[future.result()] += 1
    ended = time.time()
    origin_requests = varnish.stat("MAIN.backend_req") - before
    lines = [line.split() for line in poster.communicate(timeout=120)[0].splitlines()]
    posted = {int(line[1]): float(line[2]) for line in lines if line[:1] == ["posted"]}
    delays = [
        max(seen[pk]) - at for pk, at in posted.items() if len(seen.get(pk, ())) == args.readers
    ]
    # Entries posted less than an interval before the end cannot have reached everyone.
    due = [pk for pk, at in posted.items() if at < ended - args.interval]
    missed = [pk for pk in due if len(seen.get(pk, ())) < args.readers]
    return [
        (
            "reader requests (200 / 304)",
            f"{answers[200] + answers[304]} ({answers[200]} / {answers[304]})",
        ),
        ("entries posted", str(len(posted))),
        ("origin requests", str(origin_requests)),
        ("origin requests per entry", f"{origin_requests / max(len(posted), 1):.1f}"),
        ("slowest reader to get an entry", f"{max(delays, default=0):.1f}s"),
        ("entries posted an interval before the end", str(len(due))),
        ("  of which some reader never got", str(len(missed))),
    ]


if __name__ == "__main__":
    main()
