"""gunicorn settings for the app servers: `gunicorn --config deploy/gunicorn.conf.py
cms.wsgi:application` (deploy/systemd/cms-gunicorn.service, `make serve`, the benchmarks).

The site is loaded once, in the master, and what loading it made (Django, Wagtail, the
models, the URLconf: some 200,000 objects the garbage collector tracks) is frozen out of
the collector before the workers fork. Without this every full collection in every worker
walks all of them again (milliseconds a request, README "Performance"), and touching their
reference counts copies the master's memory pages into each worker.
"""

import gc

# Load the app in the master: the workers share its memory pages and its frozen objects.
preload_app = True

# Each worker answers with a few threads, not one request at a time: with sync workers
# Varnish's health probe (/robots.txt, 2 s timeout) waited in the listen queue behind the
# page renders a publish's purges start, timed out on a busy machine, and once two probes in
# three failed Varnish marked the app sick and answered 503 for every purged page (README
# "Performance", mixed workload). A thread of its own answers the probe in milliseconds;
# threads also keep Varnish's connections alive instead of one connection per request.
worker_class = "gthread"
threads = 4

# A request allocates tens of thousands of objects that die with it; collecting the
# youngest generation every 700 allocations walks them over and over for nothing.
gc.set_threshold(20_000, 20, 20)


def when_ready(server):
    """Before the first worker forks: load what each worker would load at its first
    request, then freeze everything there is."""
    from django.core.cache import caches
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    # No worker may inherit the master's database or cache connections (shared sockets).
    connections.close_all()
    for cache in caches.all(initialized_only=True):
        cache.close()
    gc.freeze()


def pre_fork(server, worker):
    # A worker started later (after one died) also forks from a frozen master.
    gc.freeze()
