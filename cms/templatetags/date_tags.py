"""Machine-readable dates for `<time datetime="…">`; the readable text beside them uses
Django's `|date` with the house formats in cms/formats/."""

from django import template

from cms import dates

register = template.Library()


@register.filter
def iso_datetime(value):
    """`{{ page.date|iso_datetime }}` → 2026-12-01T08:26:10+00:00 ("" for no date)."""
    return dates.iso_datetime(value) if value else ""


@register.filter
def iso_duration(value):
    """`{{ page.duration|iso_duration }}` → PT4M13S ("" for no duration)."""
    return dates.iso_duration(value) if value is not None else ""
