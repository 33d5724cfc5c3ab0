"""The one change pipeline: from "something changed" to "these URLs and keys are stale".

1. Inside the transaction of a content event (publish, unpublish, scheduled publish or
   expiry, move, delete, topic or author renamed, privacy changed, site settings, comment
   published or removed, correction appended or withdrawn, live entry posted or changed),
   `record(event, ...)` turns it once into an `Affected` set: the URLs to purge, the scopes
   whose stamps move on, the content pages whose search document may have changed. Each
   app adds what it shows through the `collect` signal (cms: the pages and listings; news:
   feeds, sitemaps and corrections; live: live pages' entries; search: focus pages), so cms
   imports none of them. The scopes' stamps (ChangeStamp rows) are bumped at once and
   `recorded` is sent (search writes its outbox rows), so they commit, or roll back, with
   the change.
2. On commit, `apply(affected)` (one call, so a worker can run it instead) forgets the
   URLs in our own page cache, purges them from the proxy (the `purge` task, queued on the
   `purges` queue for the purge worker: background/) and sends `committed` (search
   queues its outbox drain). Each URL is purged once per
   transaction, however many events it held (a publish is two: before and after).

Fragments (navigation, counts, related items) cache under keys holding their scopes'
versions (`cached`): a bump makes new keys and nothing needs deleting. The versions are
database rows, so an evicted cache can only cost a recomputation, never bring back a stale
copy. Blocks nearly every page shows (navigation, the "Latest" strip, related items, the
site name) are not purged everywhere: pages carry a short proxy lifetime (README, Serving).
"""

import enum
import logging
import secrets
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.dispatch import Signal
from django.utils import timezone
from django_tasks import task
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Site

from cms.models.changes import ChangeStamp
from cms.page_cache import forget_cached_pages

logger = logging.getLogger(__name__)

EVERYTHING = "all"  # names and settings every feed and fragment shows
SITE = "site"  # anything listed anywhere: the site feed, counts, listings
NAVIGATION = "navigation"
PRIVACY = "privacy"
COMMENTS = "comments"  # comment counts and threads (fragments with teasers)

PURGE_QUEUE = "purges"  # the task queue of proxy purges (TASKS in cms/settings/base.py)


def topic_scope(pk):
    return f"topic:{pk}"


def author_scope(pk):
    return f"author:{pk}"


def page_scope(pk):
    return f"page:{pk}"


def comments_scope(pk):
    """The comments shown under one item (its thread), apart from COMMENTS (every count)."""
    return f"comments:{pk}"


class Event(enum.StrEnum):
    """What happened. CONTENT covers publish, unpublish, scheduled publish and expiry, move
    and delete (details: `pages`, the pages as the database has them at that moment)."""

    CONTENT = "content"
    TAXONOMY = "taxonomy"  # a topic or author renamed or deleted (details: `snippet`)
    PRIVACY = "privacy"  # a view restriction added, changed or removed (details: `pages`)
    SETTINGS = "settings"  # site settings, sites, images: shown by every feed
    COMMENT = "comment"  # published, removed or erased (details: `page`)
    CORRECTION = "correction"  # appended or withdrawn (details: `page`, the corrected item)
    LIVE = "live"  # an entry posted, edited, withdrawn or deleted (details: `page`)


@dataclass
class Affected:
    """The things one or more events made stale."""

    urls: set = field(default_factory=set)  # absolute URLs to purge
    scopes: set = field(default_factory=set)  # ChangeStamp keys to bump
    pages: dict = field(default_factory=dict)  # content page id -> why its document changed

    def add_path(self, path):
        """A URL the site answers on every host (a topic page, a feed, a sitemap)."""
        for root in sorted({site.root_url for site in Site.objects.all()}):
            self.urls.add(root + path)


# Receivers: collect(sender=event, affected=..., **details) adds to `affected`;
# recorded(sender=Affected, affected=...) runs inside the transaction once it is complete;
# committed(sender=Affected, affected=...) runs after the commit.
collect = Signal()
recorded = Signal()
committed = Signal()


def record(event, **details):
    """Turn one event into what it affects, inside the current transaction."""
    affected = Affected()
    collect.send(sender=Event(event), affected=affected, **details)
    _apply_on_commit(affected)
    # Every event moves its scopes on and writes its outbox rows, even twice in a
    # transaction: a fragment cached in between holds the first state, and a drain in
    # between has taken the first rows.
    bump(affected.scopes)
    recorded.send(sender=Affected, affected=affected)
    return affected


class _Changes:
    """What one event applies once its transaction commits.

    It sits in Django's on-commit list, so a rolled-back savepoint drops it together with
    its changes. Everything still in the list commits with the current event (its other
    savepoints are released), so a URL one of them purges is left out of the others.
    """

    def __init__(self, affected):
        self.affected = affected
        self.ran = False  # Django's test helpers run callbacks but leave them in the list

    def __call__(self):
        self.ran = True
        apply(self.affected)


def _apply_on_commit(affected):
    connection = transaction.get_connection()
    urls = set(affected.urls)
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Changes) and not callback.ran:
                urls -= callback.affected.urls
    # Scopes and pages stay: the event moved them on again (pages make it drain the outbox).
    pending = Affected(urls=urls, scopes=affected.scopes, pages=affected.pages)
    if urls or pending.scopes or pending.pages:
        transaction.on_commit(_Changes(pending), robust=True)  # outside a transaction: at once


def apply(affected):
    """Make the committed change visible: our page cache, the proxy, then the listeners."""
    urls = sorted(affected.urls)
    forget_cached_pages(urls)  # first: the proxy fetches each purged page from us at once
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge.enqueue(urls)
    committed.send(sender=Affected, affected=affected)


# On a queue of its own, which a worker polls every 0.1 s (README, Serving): a purge never
# waits behind emails or search drains.
@task(queue_name=PURGE_QUEUE)
def purge(urls):
    """Purge the URLs from the proxy (Wagtail's frontend cache backends). Our page cache
    forgets them once more first: a request that was rendering one of them from before the
    commit may have stored its copy since, and the proxy would fetch that."""
    forget_cached_pages(urls)
    purge_urls_from_cache_task.call(urls)


# Stamps -----------------------------------------------------------------------------------


def bump(keys):
    """Move these scopes on (in the current transaction).

    A bump inserts a row per scope and never updates one: concurrent content transactions
    must not wait for each other (an UPDATE of a shared "site" row would hold its lock until
    the first commits). A scope's version is the sum of its rows' versions (`versions`), so
    every committed bump moves it on. Each row's version is random, not 1: a fragment cached
    inside a transaction that then rolls back is under a sum no later change makes (but for
    a chance of 1 in 2**31). `compact()` folds old rows into one with the same sum.
    """
    keys = set(keys)
    if not keys:
        return
    forget_read_versions()
    now = timezone.now()
    ChangeStamp.objects.bulk_create(
        [ChangeStamp(key=key, version=secrets.randbits(31) + 1, changed_at=now) for key in keys]
    )


def compact():
    """Fold each scope's rows into one holding their sum and latest time (versions and
    last_changed() read the same before and after). Returns how many rows went. Run every
    minute (`every_minute`); rows inserted meanwhile are left for the next run."""
    removed = 0
    keys = (
        ChangeStamp.objects.values("key").annotate(rows=Count("id")).filter(rows__gt=1)
    ).values_list("key", flat=True)
    for key in list(keys):
        with transaction.atomic():
            # Locked, so a compaction running at the same time skips what this one folds.
            rows = list(ChangeStamp.objects.select_for_update().filter(key=key).order_by("id"))
            if len(rows) < 2:
                continue
            keep, *others = rows
            keep.version = sum(row.version for row in rows)
            keep.changed_at = max(row.changed_at for row in rows)
            keep.save(update_fields=["version", "changed_at"])
            ChangeStamp.objects.filter(pk__in=[row.pk for row in others]).delete()
            removed += len(others)
    return removed


# What this thread has read during the current request: one query serves every fragment of
# a page. Forgotten when a request starts or ends and whenever this process bumps a scope.
_read = threading.local()
SHARED_SCOPES = (EVERYTHING, SITE, NAVIGATION, PRIVACY)  # read together, once per request


def forget_read_versions(**kwargs):
    _read.versions = {}


def versions(keys):
    """Scope -> version (0 for a scope that never changed), read at most once per request.
    Versions are only ever compared for equality."""
    keys = sorted(set(keys))
    known = getattr(_read, "versions", None)
    if known is None:
        known = _read.versions = {}
    missing = [key for key in keys if key not in known]
    if missing:
        wanted = {*missing, *(key for key in SHARED_SCOPES if key not in known)}
        found = dict(
            ChangeStamp.objects.filter(key__in=wanted)
            .values("key")
            .annotate(version=Sum("version"))
            .values_list("key", "version")
        )
        known.update({key: found.get(key, 0) for key in wanted})
    return {key: known[key] for key in keys}


def moved_since_read():
    """Whether a scope this request read has moved on since: another process committed a
    change while the page was being made, so the page may show the old state. One query,
    none when nothing was read."""
    known = getattr(_read, "versions", None)
    if not known:
        return False
    current = dict(
        ChangeStamp.objects.filter(key__in=list(known))
        .values("key")
        .annotate(version=Sum("version"))
        .values_list("key", "version")
    )
    return any(current.get(key, 0) != version for key, version in known.items())


request_started.connect(forget_read_versions, dispatch_uid="changes-forget-read")
request_finished.connect(forget_read_versions, dispatch_uid="changes-forget-read-end")


def last_changed(keys):
    """When anything in these scopes (or EVERYTHING) last changed, in one indexed query."""
    stamp = ChangeStamp.objects.filter(key__in=[EVERYTHING, *keys]).aggregate(Max("changed_at"))
    changed_at = stamp["changed_at__max"]
    if changed_at is None:
        # A database that has never recorded a change (e.g. flushed): start the clock now.
        bump([EVERYTHING])
        return last_changed(keys)
    return changed_at


def cache_key(name, scopes=(SITE,)):
    """A cache key for `name` that changes whenever something in `scopes` (or EVERYTHING)
    does: one indexed query."""
    current = versions([EVERYTHING, *scopes])
    return f"{name}:" + ":".join(f"{scope}={version}" for scope, version in current.items())


def cached(name, compute, scopes=(SITE,), timeout=3600):
    """compute(), shared by every process, until something in `scopes` (or EVERYTHING)
    changes."""
    key = cache_key(name, scopes)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value
