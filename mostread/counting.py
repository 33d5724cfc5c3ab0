"""Counting one read: is it a reader (not a bot or a prefetch), has this reader counted
for this item lately, and the atomic increment of the item's row for the hour.

Privacy, as privacy-friendly analytics tools do it: no cookie, and no address kept
anywhere. A reader is a keyed hash of the daily salt, their network (an IPv4 address, an
IPv6 /64) and their User-Agent; the key for "this reader read this item" lives in the
cache for MOST_READ_DEDUPE_SECONDS and nowhere else. The salt is random, made afresh each
(UTC) day, kept only in the cache until the day ends and never with the counts (the
database holds item, hour and number only), so yesterday's keys cannot be recomputed by
anyone, us included.
"""

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from comments.ratelimit import client_ip, reader_network
from mostread.models import HourlyReads

# Crawlers, link previewers, monitors, scripts and headless browsers: they announce
# themselves in the User-Agent, and none of them is a reader. An empty one is not a browser.
BOT_USER_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|headless|phantomjs|lighthouse|pingdom|uptime|"
    r"monitor|preview|facebookexternalhit|embedly|whatsapp|telegram|discord|skype|"
    r"curl|wget|python|java/|go-http|okhttp|httpclient|libwww|perl|ruby|node-fetch|axios",
    re.IGNORECASE,
)
# Browsers mark speculative loads (link prefetch, prerender) with one of these.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
PREFETCH_VALUE = re.compile(r"prefetch|prerender|preview", re.IGNORECASE)

RATE_WINDOW_SECONDS = 3600


def is_bot_or_prefetch(request):
    """True for requests no reader made: a bot's User-Agent, or a speculative load."""
    agent = request.headers.get("User-Agent", "").strip()
    if not agent or BOT_USER_AGENT.search(agent):
        return True
    return any(PREFETCH_VALUE.search(request.headers.get(name, "")) for name in PREFETCH_HEADERS)


def daily_salt(now=None):
    """Today's secret salt (UTC day), made on first use and dropped from the cache when the
    day ends; every process sharing the cache uses the same one."""
    now = (now or timezone.now()).astimezone(UTC)
    key = f"mostread:salt:{now.date().isoformat()}"
    salt = cache.get(key)
    if salt is None:
        end_of_day = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)
        made = secrets.token_hex(32)
        cache.add(key, made, timeout=max(1, int((end_of_day - now).total_seconds())))
        salt = cache.get(key) or made
    return salt


def _keyed(salt, *parts):
    message = "\n".join(str(part) for part in parts).encode("utf-8", "replace")
    return hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()


def reader_key(request, now=None):
    """Who is reading, as a keyed hash that changes every day; never an address."""
    network = reader_network(client_ip(request) or "")
    return _keyed(daily_salt(now), network, request.headers.get("User-Agent", ""))


def within_rate_limit(reader):
    """Count one beacon for this reader; False once they sent MOST_READ_BEACONS_PER_READER
    in the hour (0: no limit). In the cache: atomic in Redis, shared by every app server."""
    allowed = settings.MOST_READ_BEACONS_PER_READER
    if not allowed:
        return True
    key = f"mostread:beacons:{reader}"
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=RATE_WINDOW_SECONDS)
        sent = 1
    return sent <= allowed


def seen_key(reader, page_id):
    """The cache key saying this reader read this item lately."""
    return f"mostread:seen:{_keyed(reader, page_id)}"


def first_read(reader, page_id):
    """True the first time this reader reads this item within MOST_READ_DEDUPE_SECONDS
    (an atomic add: two parallel beacons cannot both be first)."""
    return cache.add(seen_key(reader, page_id), 1, timeout=settings.MOST_READ_DEDUPE_SECONDS)


def hour_of(moment):
    """The start of the UTC hour holding `moment`."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def record_read(page_id, now=None):
    """Add one read to the item's row for this hour: an UPDATE … SET reads = reads + 1,
    or the row's first read. Atomic on SQLite and PostgreSQL: a parallel first read
    that loses the race for the unique (page, hour) row is added to the winner's."""
    hour = hour_of(now or timezone.now())
    rows = HourlyReads.objects.filter(page_id=page_id, hour=hour)
    if rows.update(reads=F("reads") + 1):
        return
    try:
        with transaction.atomic():
            HourlyReads.objects.create(page_id=page_id, hour=hour, reads=1)
    except IntegrityError:
        rows.update(reads=F("reads") + 1)
