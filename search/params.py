"""The search page's query string, parsed strictly into a small, valid query object.

Anything a reader (or a bot) can put in the address bar either becomes a SearchParams or
raises InvalidSearch with a message to show them: never an exception further down.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone

from cms.kinds import kinds
from cms.pagination import InvalidNumber, page_number

MAX_QUERY_LENGTH = 200
MAX_TOPICS = 5
MAX_RESULTS = 10_000  # how deep anyone may page (Elasticsearch's result window)
SORTS = {"relevance": "Most relevant", "newest": "Newest first"}
DATE_RANGES = {
    "past-week": ("Past week", 7),
    "past-month": ("Past month", 31),
    "past-year": ("Past year", 365),
    "older": ("More than a year ago", None),
}
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Control characters (NUL breaks PostgreSQL), surrogates, private-use and unassigned code
# points become spaces; letters of every script, emoji and direction marks stay.
_UNPRINTABLE = {"Cc", "Cs", "Co", "Cn"}


class InvalidSearch(ValueError):
    """A query string that cannot be searched; str() is a message for the reader."""


@dataclass(frozen=True)
class SearchParams:
    """A valid search: words, filters, order and page."""

    text: str = ""
    topics: tuple = ()
    kind: str = ""
    period: str = ""  # a key of DATE_RANGES
    date_from: date | None = None
    date_to: date | None = None
    sort: str = ""
    page: int = 1
    page_size: int = 20

    @property
    def order(self):
        """The sort actually used: relevance for words, newest first without."""
        return self.sort or ("relevance" if self.text else "newest")

    @property
    def has_filters(self):
        return bool(self.topics or self.kind or self.period or self.date_from or self.date_to)

    @property
    def is_empty(self):
        return not self.text and not self.has_filters

    def date_bounds(self, now=None):
        """(start, end) datetimes for the chosen date range and from/to dates (None = open)."""
        # Whole minutes, so repeated searches are the same query (and Elasticsearch's
        # request cache can answer them).
        now = now or timezone.now().replace(second=0, microsecond=0)
        start = end = None
        if self.period:
            days = DATE_RANGES[self.period][1]
            if days is None:
                end = now - timedelta(days=365)
            else:
                start = now - timedelta(days=days)
        if self.date_from:
            moment = _start_of(self.date_from)
            start = max(start, moment) if start else moment
        if self.date_to:
            moment = _start_of(self.date_to + timedelta(days=1))
            end = min(end, moment) if end else moment
        return start, end

    def query_string(self, **changes):
        """This search as a query string, with `changes` applied (None removes a value)."""
        values = {
            "q": self.text,
            "topic": list(self.topics),
            "type": self.kind,
            "date": self.period,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "sort": self.sort,
            "page": self.page if self.page > 1 else "",
        }
        values.update(changes)
        pairs = []
        for key, value in values.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                if item not in (None, ""):
                    pairs.append((key, item))
        return urlencode(pairs)


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def clean_text(value):
    """Normalise what the reader typed: NFC, no control characters, single spaces."""
    value = unicodedata.normalize("NFC", value)
    value = "".join(" " if unicodedata.category(ch) in _UNPRINTABLE else ch for ch in value)
    return " ".join(value.split())


def _single(querydict, name):
    values = [value for value in querydict.getlist(name) if value.strip()]
    if len(values) > 1:
        raise InvalidSearch(f"Give “{name}” only once.")
    return values[0].strip() if values else ""


def _parse_day(querydict, name, label):
    value = _single(querydict, name)
    if not value:
        return None
    try:
        if not ISO_DATE.match(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidSearch(f"The {label} date must look like 2025-03-31.") from None
    if not 1900 <= day.year <= 2100:
        raise InvalidSearch(f"The {label} date must be between the years 1900 and 2100.")
    return day


def parse(querydict, topic_exists):
    """SearchParams from request.GET; topic_exists(slugs) returns the slugs that exist."""
    raw_text = _single(querydict, "q")
    text = clean_text(raw_text)
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidSearch(
            f"Searches can be up to {MAX_QUERY_LENGTH} characters long; yours has "
            f"{len(text):,}. Try the most important words."
        )

    topics = tuple(dict.fromkeys(v.strip() for v in querydict.getlist("topic") if v.strip()))
    if len(topics) > MAX_TOPICS:
        raise InvalidSearch(f"Choose up to {MAX_TOPICS} topics.")
    bad = [slug for slug in topics if not SLUG.match(slug)]
    if bad:
        raise InvalidSearch("A topic in the address is not valid. Choose topics from the list.")
    unknown = set(topics) - set(topic_exists(topics)) if topics else set()
    if unknown:
        names = ", ".join(f"“{slug}”" for slug in sorted(unknown))
        raise InvalidSearch(f"There is no topic {names}. Choose topics from the list.")

    kind = _single(querydict, "type")
    if kind and kind not in kinds():
        allowed = ", ".join(kinds())
        raise InvalidSearch(f"“{kind[:40]}” is not a section. Choose one of: {allowed}.")

    date_range = _single(querydict, "date")
    if date_range and date_range not in DATE_RANGES:
        allowed = ", ".join(DATE_RANGES)
        raise InvalidSearch(f"“{date_range[:40]}” is not a date range. Choose one of: {allowed}.")
    date_from = _parse_day(querydict, "from", "from")
    date_to = _parse_day(querydict, "to", "to")
    if date_from and date_to and date_from > date_to:
        raise InvalidSearch("The “from” date must be on or before the “to” date.")

    sort = _single(querydict, "sort")
    if sort and sort not in SORTS:
        raise InvalidSearch("Sort by “relevance” or “newest”.")

    page_size = settings.LISTING_PAGE_SIZE
    try:
        page = page_number(querydict, last_page=MAX_RESULTS // page_size)
    except InvalidNumber as exc:
        raise InvalidSearch(str(exc)) from None

    return SearchParams(
        text=text,
        topics=topics,
        kind=kind,
        period=date_range,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        page_size=page_size,
    )
