"""Rate limits per IP address and per email, counted in the database.

The database (not a per-process cache) keeps the count right with several server
processes. Only keyed hashes of addresses are stored.
"""

import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from comments.models import PostingAttempt


def hashed(kind, value):
    """A keyed hash of an IP address or email, stable for equal (case-folded) values."""
    return salted_hmac(f"comments.{kind}", str(value).strip().lower()).hexdigest()


def client_ip(request):
    """The reader's IP address; behind N trusted proxies, the one the nearest proxy saw.

    Each proxy appends the address it received from to X-Forwarded-For, so anything to
    the left of the last N entries came from the reader and cannot be trusted.
    """
    proxies = settings.COMMENTS_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies:
        try:
            return str(ipaddress.ip_address(forwarded[-proxies]))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR") or None


@dataclass
class Limit:
    """A limit that was reached, and how long until the reader may post again."""

    message: str
    retry_after: int


def _window():
    return timedelta(minutes=settings.COMMENTS_RATE_LIMIT_MINUTES)


def _keys(ip, email):
    checks = []
    if ip and settings.COMMENTS_RATE_LIMIT_PER_IP:
        checks.append((hashed("ip", ip), settings.COMMENTS_RATE_LIMIT_PER_IP))
    if email and settings.COMMENTS_RATE_LIMIT_PER_EMAIL:
        checks.append((hashed("email", email), settings.COMMENTS_RATE_LIMIT_PER_EMAIL))
    return checks


def check(ip, email):
    """The first limit this IP address or email has reached, or None."""
    now = timezone.now()
    since = now - _window()
    for key, allowed in _keys(ip, email):
        recent = PostingAttempt.objects.filter(key=key, created__gte=since)
        times = list(recent.order_by("-created").values_list("created", flat=True)[:allowed])
        if len(times) >= allowed:
            free_at = times[-1] + _window()
            minutes = settings.COMMENTS_RATE_LIMIT_MINUTES
            return Limit(
                message=f"You have sent {allowed} comments in the last {minutes} minutes, "
                "which is as many as we accept. Please wait a while and send it again.",
                retry_after=max(1, math.ceil((free_at - now).total_seconds())),
            )
    return None


def record(ip, email):
    """Count one comment sent from this IP address and email."""
    PostingAttempt.objects.bulk_create(PostingAttempt(key=key) for key, _ in _keys(ip, email))


def purge_expired():
    """Forget attempts older than the rate-limit window; returns how many went."""
    deleted, _ = PostingAttempt.objects.filter(created__lt=timezone.now() - _window()).delete()
    return deleted
