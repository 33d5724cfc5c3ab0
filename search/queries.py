"""ContentSearch: the one way the site searches published content.

The search page, autocomplete, focus pages and template tags ask it for pages and facet
counts, whichever engine runs it: Elasticsearch when ELASTICSEARCH_URL is set, the database
otherwise. A search is a SearchParams (search/params.py: the query string, parsed); each
engine turns its filters into its own terms once (`apply_filters`, `filters`). If
Elasticsearch fails mid-request the same search runs on the database and the results carry
a notice saying so.
"""

import logging

from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cms import changes
from cms.kinds import kinds
from cms.models import Author, Topic
from cms.searchable import stream_text
from search import elastic
from search.engines.database import DatabaseEngine
from search.highlight import highlight, matcher, snippet
from search.params import DATE_RANGES, SearchParams
from search.query_text import parse_text
from search.results import FacetOption, SearchResults, TopicOverview
from search.sources import indexable_pages

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Search is running in a simpler mode for a few minutes: results match words in "
    "headlines and summaries, newest first."
)


def default_engine():
    """Elasticsearch when ELASTICSEARCH_URL is set, else the database."""
    if not elastic.enabled():
        return DatabaseEngine(fulltext=True)
    # Imported here, not at the top: the Elasticsearch engine needs elasticsearch_dsl and the
    # client packages, which a site searching its database never loads (search/es_client.py).
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine()


def pages_in_order(ids):
    """Live pages with teaser data in the order of `ids` (ids no longer live drop out)."""
    return indexable_pages().with_teaser_data().in_order(ids)


class ContentSearch:
    """A search (SearchParams) on an engine: results with facets, autocomplete, related
    items and a topic's overview."""

    def __init__(self, params=None, engine=None):
        self.params = params or SearchParams()
        self.engine = engine or default_engine()

    def _run(self, operation):
        """operation(engine) on this search's engine, on the database if that fails."""
        try:
            return operation(self.engine), self.engine.name, ""
        except elastic.SearchUnavailable as exc:
            logger.warning("Search fell back to the database: %s", exc)
            return operation(DatabaseEngine(fulltext=False)), "database", FALLBACK_NOTICE

    def results(self):
        params = self.params
        query = parse_text(params.text) if params.text else None
        hits, engine, notice = self._run(lambda engine: engine.search(params, query))
        pages = pages_in_order(hits.ids)
        decorate(pages, hits.highlights, matcher(query.terms) if query else None)
        results = SearchResults(
            params=params,
            pages=pages,
            total=hits.total,
            engine=engine,
            notice=notice,
            topics=self._topic_facet(hits.topic_counts),
            kinds=self._single_facet("type", kinds(), hits.kind_counts, params.kind),
            dates=self._single_facet(
                "date",
                {key: label for key, (label, _days) in DATE_RANGES.items()},
                hits.date_counts,
                params.period,
            ),
        )
        if hits.suggestion:
            results.suggestion = hits.suggestion
            results.suggestion_url = "?" + params.query_string(q=hits.suggestion, page=None)
        return results

    def _topic_facet(self, counts):
        chosen = self.params.topics
        counts = dict(counts)
        slugs = list(counts) + [slug for slug in chosen if slug not in counts]
        names = dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "name"))
        options = []
        for slug in slugs:
            if slug not in names:
                continue
            selected = slug in chosen
            toggled = [s for s in chosen if s != slug] if selected else [*chosen, slug]
            url = "?" + self.params.query_string(topic=toggled, page=None)
            options.append(FacetOption(slug, names[slug], counts.get(slug, 0), selected, url))
        return options

    def _single_facet(self, name, labels, counts, chosen):
        options = []
        for key, label in labels.items():
            selected = key == chosen
            url = "?" + self.params.query_string(**{name: None if selected else key, "page": None})
            options.append(FacetOption(key, label, counts.get(key, 0), selected, url))
        return options

    def autocomplete(self, words, limit=8):
        """Live pages whose headlines start with these words, best first."""
        ids, _engine, _notice = self._run(lambda engine: engine.autocomplete(words, limit))
        return pages_in_order(ids)

    def related(self, page, limit=4, exclude=()):
        """Pages like `page`: more_like_this on Elasticsearch, shared topics otherwise.

        Falls back to shared topics when Elasticsearch finds nothing similar either.
        """

        def find():
            ids, engine, _notice = self._run(lambda engine: engine.related(page, limit, exclude))
            if not ids and not isinstance(self.engine, DatabaseEngine):
                ids = DatabaseEngine().related(page, limit, exclude)
            return ids, engine

        # Kept until content next changes (unless found while Elasticsearch was away).
        skip = ",".join(map(str, sorted(exclude)))
        key = changes.cache_key(f"related:{self.engine.name}:{page.pk}:{limit}:{skip}")
        ids = cache.get(key)
        if ids is None:
            ids, engine = find()
            if engine == self.engine.name:
                cache.set(key, ids, timeout=3600)
        return pages_in_order(ids)

    def topic_overview(self, topic, latest=8, exclude=()):
        """The latest items in `topic`, related topics and leading authors."""
        facts, engine, _notice = self._run(
            lambda engine: engine.topic_overview(topic, latest, exclude)
        )
        topic_names = Topic.objects.in_bulk([s for s, _ in facts.related_topics], field_name="slug")
        authors = Author.objects.select_related("photo").in_bulk(
            [s for s, _ in facts.leading_authors], field_name="slug"
        )
        return TopicOverview(
            latest=pages_in_order(facts.latest_ids),
            total=facts.total,
            related_topics=[
                (topic_names[s], n) for s, n in facts.related_topics if s in topic_names
            ],
            leading_authors=[(authors[s], n) for s, n in facts.leading_authors if s in authors],
            engine=engine,
        )


def decorate(pages, highlights, pattern):
    """Give each page `search_title` and `search_snippet` (safe HTML with <mark>s)."""
    for page in pages:
        found = highlights.get(page.pk, {})
        # Elasticsearch's highlighter escapes the text itself (encoder "html").
        title = found.get("title")
        page.search_title = mark_safe(title) if title else highlight(page.title, pattern)
        if found.get("snippet"):
            page.search_snippet = mark_safe(found["snippet"])
        elif highlights and pattern is not None:
            page.search_snippet = highlight(page.summary, pattern)
        else:
            body = stream_text(page.body.raw_data) if pattern is not None else ""
            page.search_snippet = snippet(page.summary, body, pattern)
        if not page.search_snippet:
            page.search_snippet = escape(page.summary)
