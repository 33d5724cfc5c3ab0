"""Rate limits on sign-ups: per reader network (an IPv4 address, an IPv6 /64) and per
address, each per hour, counted in the database as keyed hashes.

For now this counts with the comments app's records (PostingAttempt) and hashing, checking
and then recording: not atomic, so a burst of parallel sign-ups can pass a limit by a few.
The atomic limiter being written for comments is to move to cms/ratelimit.py and serve
both; this module is the one place to switch over.
"""

import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from comments.models import PostingAttempt
from comments.ratelimit import client_ip, hashed

WINDOW = timedelta(hours=1)


@dataclass
class Limit:
    """A limit that was reached (`kind`: "ip" or "email"), and when to try again."""

    kind: str
    message: str
    retry_after: int


def reader_network(ip):
    """The part of an IP address that stands for one reader (an IPv6 /64)."""
    try:
        address = ipaddress.ip_address(str(ip))
    except ValueError:
        return str(ip)
    if address.version == 6 and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def take_subscribe(request, email):
    """The first sign-up limit reached, else None with this sign-up counted."""
    ip = client_ip(request)
    rules = []
    if ip and settings.NEWSLETTER_SIGNUPS_PER_IP:
        rules.append(
            ("ip", hashed("newsletter-ip", reader_network(ip)), settings.NEWSLETTER_SIGNUPS_PER_IP)
        )
    if settings.NEWSLETTER_SIGNUPS_PER_EMAIL:
        rules.append(
            ("email", hashed("newsletter-email", email), settings.NEWSLETTER_SIGNUPS_PER_EMAIL)
        )
    now = timezone.now()
    for kind, key, allowed in rules:
        times = list(
            PostingAttempt.objects.filter(key=key, created__gte=now - WINDOW)
            .order_by("-created")
            .values_list("created", flat=True)[:allowed]
        )
        if len(times) >= allowed:
            return Limit(
                kind,
                "We have had as many sign-ups from you, or for this address, as we accept in "
                "an hour. Please follow the link in an email we sent, or try again later.",
                max(1, math.ceil((times[-1] + WINDOW - now).total_seconds())),
            )
    PostingAttempt.objects.bulk_create(PostingAttempt(key=key, created=now) for _, key, _ in rules)
    return None
