"""Dates and durations written for machines: HTML `datetime` attributes, JSON-LD, feeds."""

from datetime import datetime

from django.utils import timezone


def iso_datetime(value):
    """A date or datetime in ISO 8601 to the second, in the site's time zone.

    Whole seconds: HTML's `datetime` attribute allows at most three digits of a fraction,
    and Python's isoformat() writes six whenever there are microseconds.
    """
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def iso_duration(delta):
    """A timedelta as an ISO 8601 duration, e.g. PT1H2M30S."""
    total = int(delta.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n)
    return f"PT{parts}{seconds}S" if seconds or not parts else f"PT{parts}"
