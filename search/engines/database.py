"""The database engine: Wagtail's database search backend for matching, the ORM for the rest.

With `fulltext` (ELASTICSEARCH_URL unset) words are matched by Wagtail's database backend
(SQLite FTS5 or PostgreSQL full text search). Without it (Elasticsearch configured but
down, so Wagtail's database index is not kept) words are matched in headlines and
summaries, so search still answers while Elasticsearch is away.
"""

import difflib
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, Phrase, PlainText

from cms import changes
from cms.models import Author, ContentAuthor, ContentPage, Topic
from search.engines import Hits, TopicFacts
from search.params import DATE_RANGES
from search.query_text import WORD, split_phrases
from search.sources import indexable_pages

TOPIC_LINKS = ContentPage.topics.through
VOCABULARY_KEY = "search:vocabulary"
VOCABULARY_PAGES = 5000
# Related items are chosen among this many of the latest pages sharing a topic.
RELATED_CANDIDATES = 300


def database_backend():
    """Wagtail's database search backend, even when the default backend is Elasticsearch."""
    default = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    if default.endswith(".database"):
        return get_search_backend("default")
    return get_search_backend("wagtail.search.backends.database")


def _words(text):
    return " ".join(WORD.findall(text))


def wagtail_query(query):
    """Wagtail query objects: all the words, each phrase, one term of each synonym group."""
    parts = []
    if _words(query.words):
        parts.append(PlainText(_words(query.words), operator="and"))
    parts += [Phrase(_words(phrase)) for phrase in query.phrases if _words(phrase)]
    for group in query.alternatives:
        options = [Phrase(_words(term)) for term in group if _words(term)]
        if options:
            parts.append(options[0] if len(options) == 1 else Or(options))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def in_headline(query):
    """2 when the headline has every word of the query, 1 when it has some, else 0."""
    terms = WORD.findall(query.words) + list(query.phrases)
    terms += [group[0] for group in query.alternatives]
    if not terms:
        return Value(0)
    conditions = [Q(title__icontains=term) for term in terms]
    return Case(
        When(reduce(and_, conditions), then=Value(2)),
        When(reduce(or_, conditions), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _contains(text):
    return (
        Q(title__icontains=text)
        | Q(standfirst__icontains=text)
        | Q(listing_summary__icontains=text)
    )


def plain_match(query):
    """The query's words, phrases and synonyms in headlines or summaries (no index needed)."""
    conditions = [_contains(word) for word in WORD.findall(query.words)]
    conditions += [_contains(phrase) for phrase in query.phrases]
    for group in query.alternatives:
        conditions.append(reduce(or_, (_contains(term) for term in group)))
    return reduce(and_, conditions) if conditions else None


class DatabaseEngine:
    """Search on the database: never unavailable, less clever about language."""

    name = "database"

    def __init__(self, fulltext=True):
        self.fulltext = fulltext

    def matching(self, query):
        """Live pages matching the TextQuery (unordered); every page without one."""
        pages = indexable_pages()
        if query is None:
            return pages
        if not self.fulltext:
            match = plain_match(query)
            return pages.filter(match) if match is not None else pages.none()
        wagtail = wagtail_query(query)
        if wagtail is None:
            return pages.none()
        results = database_backend().search(wagtail, pages, order_by_relevance=False)
        # Wagtail's database results are a queryset underneath; filtering and counting it
        # in the database is what makes facets possible without loading every match.
        return results.get_queryset()

    def search(self, params, query):
        matched = self.matching(query)
        filtered = apply_filters(matched, params)
        if query is not None and params.order == "relevance":
            # Wagtail's database scores are a subquery per matching row, far too slow for a
            # common word on SQLite (README, Performance); stories with the words in the
            # headline first, newest first within, costs one comparison per row.
            ranked = filtered.annotate(in_headline=in_headline(query)).order_by(
                "-in_headline", "-sort_date", "-pk"
            )
        else:
            ranked = filtered.order_by("-sort_date", "-pk")
        start = (params.page - 1) * params.page_size
        ids = list(ranked.values_list("pk", flat=True)[start : start + params.page_size])
        hits = Hits(
            ids=ids,
            total=filtered.order_by().count(),
            topic_counts=topic_counts(filtered),
            kind_counts=kind_counts(apply_filters(matched, params, skip={"kind"})),
            date_counts=date_counts(apply_filters(matched, params, skip={"date"}), params),
        )
        if params.text and hits.total == 0:
            hits.suggestion = spelling_suggestion(params.text)
        return hits

    def autocomplete(self, text, limit):
        pages = indexable_pages()
        if self.fulltext:
            results = database_backend().autocomplete(_words(text), pages, operator="and")
            return [page.pk for page in results[:limit]]
        words = WORD.findall(text)
        if not words:
            return []
        match = reduce(and_, (Q(title__icontains=w) for w in words))
        return list(pages.filter(match).order_by("-sort_date").values_list("pk", flat=True)[:limit])

    def related(self, page, limit, exclude):
        """The pages sharing most topics with `page` among the latest RELATED_CANDIDATES
        that share any: two short queries (the date index walked newest first, then the
        candidates' topics) rather than counting shared topics over the whole archive."""
        topic_ids = set(
            TOPIC_LINKS.objects.filter(contentpage_id=page.pk).values_list("topic_id", flat=True)
        )
        if not topic_ids:
            return []
        tagged = TOPIC_LINKS.objects.filter(contentpage=OuterRef("pk"), topic_id__in=topic_ids)
        candidates = list(
            indexable_pages()
            .filter(Exists(tagged))
            .exclude(pk__in={page.pk, *exclude})
            .order_by("-sort_date", "-pk")
            .values_list("pk", flat=True)[:RELATED_CANDIDATES]
        )
        shared = dict.fromkeys(candidates, 0)
        links = TOPIC_LINKS.objects.filter(contentpage_id__in=candidates, topic_id__in=topic_ids)
        for pk in links.values_list("contentpage_id", flat=True):
            shared[pk] += 1
        # Candidates are newest first and sorted() is stable: most shared, then newest.
        return sorted(candidates, key=lambda pk: -shared[pk])[:limit]

    def topic_overview(self, topic, latest, exclude):
        """Counted over every item in the topic (slow at scale: README, Performance), so
        kept until content next changes."""
        key = f"topic-overview:{topic.pk}:{latest}:{','.join(map(str, sorted(exclude)))}"
        return changes.cached(key, lambda: self._topic_overview(topic, latest, exclude))

    def _topic_overview(self, topic, latest, exclude):
        pages = indexable_pages().filter(topics=topic)
        page_ids = pages.order_by().values("pk")
        related = (
            TOPIC_LINKS.objects.filter(contentpage_id__in=page_ids)
            .exclude(topic=topic)
            .values("topic__slug")
            .annotate(n=Count("pk"))
            .order_by("-n", "topic__slug")[:6]
        )
        authors = (
            ContentAuthor.objects.filter(page_id__in=page_ids)
            .values("author__slug")
            .annotate(n=Count("pk"))
            .order_by("-n", "author__slug")[:5]
        )
        latest_ids = pages.exclude(pk__in=exclude).order_by("-sort_date", "-pk")
        return TopicFacts(
            latest_ids=list(latest_ids.values_list("pk", flat=True)[:latest]),
            total=pages.count(),
            related_topics=[(row["topic__slug"], row["n"]) for row in related],
            leading_authors=[(row["author__slug"], row["n"]) for row in authors],
        )


def apply_filters(pages, params, skip=()):
    """`pages` narrowed by the search's facets, except those named in `skip`."""
    if "topic" not in skip:
        for slug in params.topics:
            pages = pages.filter(topics__slug=slug)
    if "kind" not in skip and params.kind:
        pages = pages.filter(page_type=params.kind)
    if "date" not in skip:
        start, end = params.date_bounds()
        if start:
            pages = pages.filter(sort_date__gte=start)
        if end:
            pages = pages.filter(sort_date__lt=end)
    return pages


def topic_counts(pages, size=15):
    rows = (
        TOPIC_LINKS.objects.filter(contentpage_id__in=pages.order_by().values("pk"))
        .values("topic__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "topic__slug")[:size]
    )
    return [(row["topic__slug"], row["n"]) for row in rows]


def kind_counts(pages):
    rows = pages.order_by().values("page_type").annotate(n=Count("pk"))
    return {row["page_type"]: row["n"] for row in rows}


def date_counts(pages, params):
    aggregates = {}
    for key in DATE_RANGES:
        start, end = type(params)(period=key).date_bounds()
        condition = Q()
        if start:
            condition &= Q(sort_date__gte=start)
        if end:
            condition &= Q(sort_date__lt=end)
        aggregates[key.replace("-", "_")] = Count("pk", filter=condition)
    counts = pages.order_by().aggregate(**aggregates)
    return {key: counts[key.replace("-", "_")] for key in DATE_RANGES}


def vocabulary():
    """Words readers are likely to mean: recent headlines, topics and authors (cached)."""
    words = cache.get(VOCABULARY_KEY)
    if words is None:
        texts = list(
            indexable_pages()
            .order_by("-sort_date")
            .values_list("title", flat=True)[:VOCABULARY_PAGES]
        )
        texts += list(Topic.objects.values_list("name", flat=True))
        texts += list(Author.objects.values_list("name", flat=True))
        words = sorted({w.casefold() for text in texts for w in WORD.findall(text) if len(w) > 2})
        cache.set(VOCABULARY_KEY, words, 15 * 60)
    return words


def spelling_suggestion(text):
    """The query with unknown words replaced by the closest known ones, or ""."""
    known = vocabulary()
    known_set = set(known)
    changed = False
    out = []
    for word in split_phrases(text).words.split():
        folded = word.casefold()
        if len(folded) > 3 and folded not in known_set and WORD.fullmatch(folded):
            close = difflib.get_close_matches(folded, known, n=1, cutoff=0.75)
            if close:
                out.append(close[0])
                changed = True
                continue
        out.append(word)
    return " ".join(out) if changed else ""
