"""Rate limits on comments, reader reports and confirmation emails, counted in the database.

The database (not a per-process cache) keeps the count right with several server
processes, and checking a limit and recording the new attempt are one step: the check
first writes the key's lock row, so parallel requests for one key queue up instead of
all counting the same attempts. Only keyed hashes of addresses are stored. The views log
each refusal (cms.refusals.log_refusal) with the limit's event name and nothing personal.
"""

import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from comments.models import PostingAttempt, RateLimitLock

# The confirmation-email limit always counts over an hour, whatever the comment window.
MAIL_WINDOW_MINUTES = 60


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


def reader_network(ip):
    """The part of an IP address that stands for one reader: an IPv4 address, an IPv6 /64.

    One IPv6 connection usually gets a whole /64 to itself, so counting single IPv6
    addresses would give one reader 2**64 separate limits.
    """
    try:
        address = ipaddress.ip_address(str(ip))
    except ValueError:
        return str(ip)
    if address.version == 6 and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class Rule:
    """At most `allowed` attempts per `minutes` for one hashed key."""

    kind: str
    value: str
    allowed: int
    minutes: int
    event: str
    what: str  # "comments", "reports", …: how the refusal counts them to the reader

    @property
    def key(self):
        return hashed(self.kind, self.value)


@dataclass
class Limit:
    """A limit that was reached, and how long until the reader may try again."""

    message: str
    retry_after: int
    event: str  # for the refusal log: comment_rate_limited, report_rate_limited, …
    kind: str  # which limit: ip, email, mail or report


def comment_rules(ip, email, guest):
    """The limits on sending a comment; a guest's also start a confirmation email."""
    minutes = settings.COMMENTS_RATE_LIMIT_MINUTES
    found = []
    if ip and settings.COMMENTS_RATE_LIMIT_PER_IP:
        found.append(
            Rule(
                "ip",
                reader_network(ip),
                settings.COMMENTS_RATE_LIMIT_PER_IP,
                minutes,
                "comment_rate_limited",
                "comments",
            )
        )
    if email and settings.COMMENTS_RATE_LIMIT_PER_EMAIL:
        found.append(
            Rule(
                "email",
                email,
                settings.COMMENTS_RATE_LIMIT_PER_EMAIL,
                minutes,
                "comment_rate_limited",
                "comments",
            )
        )
    if guest and email and settings.COMMENTS_CONFIRMATION_EMAILS_PER_HOUR:
        found.append(
            Rule(
                "mail",
                email,
                settings.COMMENTS_CONFIRMATION_EMAILS_PER_HOUR,
                MAIL_WINDOW_MINUTES,
                "confirmation_mail_limited",
                "confirmation emails",
            )
        )
    return found


def report_rules(reader):
    """The limit on reports from one reader (an account, or an IP network)."""
    if not settings.COMMENTS_REPORTS_PER_READER:
        return []
    return [
        Rule(
            "report",
            reader,
            settings.COMMENTS_REPORTS_PER_READER,
            settings.COMMENTS_RATE_LIMIT_MINUTES,
            "report_rate_limited",
            "reports",
        )
    ]


def take(rules):
    """Atomically: the first limit these rules have reached, else None and one attempt
    recorded for each rule. Call it inside the transaction that does what it limits, so
    that the lock rows are held until that is stored."""
    now = timezone.now()
    with transaction.atomic():
        # Always in the same order, so two requests sharing two keys cannot deadlock.
        for key in sorted({rule.key for rule in rules}):
            _lock(key, now)
        for rule in rules:
            limit = _reached(rule, now)
            if limit is not None:
                return limit
        PostingAttempt.objects.bulk_create(
            PostingAttempt(key=rule.key, created=now) for rule in rules
        )
    return None


def _lock(key, now):
    """Write the key's lock row: the transaction then holds it until it ends."""
    if RateLimitLock.objects.filter(key=key).update(touched=now):
        return
    try:
        with transaction.atomic():
            RateLimitLock.objects.create(key=key, touched=now)
    except IntegrityError:
        # A parallel request created it first (and we waited for it to commit).
        RateLimitLock.objects.filter(key=key).update(touched=now)


def _reached(rule, now):
    window = timedelta(minutes=rule.minutes)
    recent = PostingAttempt.objects.filter(key=rule.key, created__gte=now - window)
    times = list(recent.order_by("-created").values_list("created", flat=True)[: rule.allowed])
    if len(times) < rule.allowed:
        return None
    free_at = times[-1] + window
    if rule.kind == "mail":
        message = (
            f"We have sent {rule.allowed} confirmation emails to this address in the last "
            "hour, which is as many as we send. Please follow a link in one of them, or "
            "wait a while and send your comment again."
        )
    else:
        message = (
            f"You have sent {rule.allowed} {rule.what} in the last {rule.minutes} minutes, "
            "which is as many as we accept. Please wait a while and send it again."
        )
    retry_after = max(1, math.ceil((free_at - now).total_seconds()))
    return Limit(message, retry_after, event=rule.event, kind=rule.kind)


def keys_of_email(email):
    """The hashed keys that stand for an email address."""
    return [hashed("email", email), hashed("mail", email)]


def purge_expired():
    """Forget attempts and lock rows older than every window; returns how many went."""
    minutes = max(settings.COMMENTS_RATE_LIMIT_MINUTES, MAIL_WINDOW_MINUTES)
    cutoff = timezone.now() - timedelta(minutes=minutes)
    deleted, _ = PostingAttempt.objects.filter(created__lt=cutoff).delete()
    RateLimitLock.objects.filter(touched__lt=cutoff).delete()
    return deleted
