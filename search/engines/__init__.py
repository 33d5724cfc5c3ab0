"""Search engines behind ContentSearch: Elasticsearch, or what the database can do.

Each engine answers in page ids and counts; search.queries turns those into pages, facets
and highlighted snippets the same way for both.
"""

from dataclasses import dataclass, field


@dataclass
class Hits:
    """One page of search results as an engine returns it."""

    ids: list
    total: int
    topic_counts: list = field(default_factory=list)  # [(slug, count)], biggest first
    kind_counts: dict = field(default_factory=dict)  # {kind key: count}
    date_counts: dict = field(default_factory=dict)  # {date range key: count}
    highlights: dict = field(default_factory=dict)  # {page id: {"title": html, "snippet": html}}
    suggestion: str = ""


@dataclass
class TopicFacts:
    """What an engine knows about one topic, for its focus page."""

    latest_ids: list
    total: int
    related_topics: list  # [(slug, count)] of topics filed alongside it
    leading_authors: list  # [(slug, count)]
