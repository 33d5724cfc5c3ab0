"""The Elasticsearch engine: elasticsearch-dsl queries on the content alias."""

from elasticsearch_dsl import A, MultiSearch, Q

from search import elastic
from search.documents import ContentDocument
from search.engines import Hits, TopicFacts
from search.params import DATE_RANGES
from search.query_text import parse_text, split_phrases

TEXT_FIELDS = ["title^3", "standfirst^2", "body", "topics.name^2", "authors.name^2"]
# Offer "did you mean" only when a search finds fewer results than this: for a query that
# finds plenty, a variant spelling is noise (and the phrase suggester is not free).
SUGGEST_BELOW = 5
MLT_FIELDS = ["title", "standfirst", "body", "topics.name"]
HIGHLIGHT_OPTIONS = {"encoder": "html", "pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
HIGHLIGHT_FIELDS = {
    "title": {"number_of_fragments": 0},
    "standfirst": {"number_of_fragments": 0},
    "body": {"fragment_size": 180, "number_of_fragments": 1},
}


def text_query(query):
    """Every free word somewhere in the document, each quoted phrase, and one term of each
    synonym group; headlines containing the typed words in order count double."""
    must = []
    if query.words:
        must.append(
            Q(
                "multi_match",
                query=query.words,
                fields=TEXT_FIELDS,
                type="cross_fields",
                operator="and",
            )
        )
    must += [Q("multi_match", query=p, fields=TEXT_FIELDS, type="phrase") for p in query.phrases]
    for group in query.alternatives:
        options = [
            Q("multi_match", query=term, fields=TEXT_FIELDS, type="phrase") for term in group
        ]
        must.append(Q("bool", should=options, minimum_should_match=1))
    if not must:
        return Q("match_none")
    should = [Q("match_phrase", title={"query": query.words, "boost": 2})] if query.words else []
    return Q("bool", must=must, should=should)


def recent_first(query):
    """Relevance with a gentle lift for recent stories: up to twice the score this year."""
    return Q(
        "function_score",
        query=query,
        functions=[
            {"weight": 1},
            {"gauss": {"date": {"origin": "now", "scale": "180d", "offset": "7d", "decay": 0.5}}},
        ],
        score_mode="sum",
        boost_mode="multiply",
    )


def filters(params, skip=()):
    """Filter clauses for the search's facets, leaving out those named in `skip`."""
    clauses = []
    if "topic" not in skip:
        clauses += [Q("term", **{"topics.slug": slug}) for slug in params.topics]
    if "kind" not in skip and params.kind:
        clauses.append(Q("term", kind=params.kind))
    if "date" not in skip:
        start, end = params.date_bounds()
        if start or end:
            bounds = {}
            if start:
                bounds["gte"] = start.isoformat()
            if end:
                bounds["lt"] = end.isoformat()
            clauses.append(Q("range", date=bounds))
    return clauses


def _date_ranges(params):
    ranges = []
    for key in DATE_RANGES:
        start, end = type(params)(period=key).date_bounds()
        bucket = {"key": key}
        if start:
            bucket["from"] = start.isoformat()
        if end:
            bucket["to"] = end.isoformat()
        ranges.append(bucket)
    return ranges


def _filtered(clauses):
    return Q("bool", filter=clauses) if clauses else Q("match_all")


class ElasticsearchEngine:
    """Searches the content alias; raises SearchUnavailable when Elasticsearch cannot answer."""

    name = "elasticsearch"

    def _search(self):
        return ContentDocument.search(using=elastic.client(), index=elastic.alias())

    def _execute(self, search):
        return elastic.call(lambda _es: search.execute())

    def search(self, params, query):
        """One round trip (a multi-search) of two requests: the page of hits, and the
        total with the facet counts. The counts are a `size: 0` request in filter context:
        no scoring, no `now`, so Elasticsearch's shard request cache answers a repeated
        search (within the minute its date bounds stay the same, until the index changes)
        instead of visiting every match again. The hits request counts nothing, so it
        only scores the matches and keeps the best page."""
        hits_search = self._search().source(False).extra(track_total_hits=False)
        counts = self._search().extra(size=0, track_total_hits=True).params(request_cache=True)
        if query is not None:
            text = text_query(query)
            hits_search = hits_search.query(recent_first(text))
            hits_search = hits_search.highlight_options(**HIGHLIGHT_OPTIONS)
            for name, options in HIGHLIGHT_FIELDS.items():
                hits_search = hits_search.highlight(name, **options)
            counts = counts.query(Q("bool", filter=[text]))
        chosen = filters(params)
        if chosen:
            # Every facet filter narrows the hits; the counts keep them out of the query,
            # since each facet's own count leaves out its own filter.
            hits_search = hits_search.filter(Q("bool", filter=chosen))
            counts = counts.post_filter(_filtered(chosen))
        counts.aggs.bucket("topics", "filter", filter=_filtered(chosen)).bucket(
            "values", A("terms", field="topics.slug", size=15)
        )
        counts.aggs.bucket("kinds", "filter", filter=_filtered(filters(params, {"kind"}))).bucket(
            "values", A("terms", field="kind", size=10)
        )
        counts.aggs.bucket("dates", "filter", filter=_filtered(filters(params, {"date"}))).bucket(
            "values", A("date_range", field="date", ranges=_date_ranges(params))
        )
        if params.order == "newest":
            hits_search = hits_search.sort({"date": "desc"}, {"page_id": "desc"})
        else:
            hits_search = hits_search.sort("_score", {"date": "desc"})
        start = (params.page - 1) * params.page_size
        both = MultiSearch(using=elastic.client(), index=elastic.alias())
        both = both.add(hits_search[start : start + params.page_size]).add(counts)
        response, counted = elastic.call(lambda _es: both.execute())

        aggs = counted.aggregations
        hits = Hits(
            ids=[int(hit.meta.id) for hit in response],
            total=counted.hits.total.value,
            topic_counts=[(b.key, b.doc_count) for b in aggs.topics["values"].buckets],
            kind_counts={b.key: b.doc_count for b in aggs.kinds["values"].buckets},
            date_counts={b.key: b.doc_count for b in aggs.dates["values"].buckets},
        )
        for hit in response:
            found = getattr(hit.meta, "highlight", None)
            if found is None:
                continue
            found = found.to_dict()
            title = found.get("title")
            snippet = found.get("standfirst") or found.get("body")
            hits.highlights[int(hit.meta.id)] = {
                "title": title[0] if title else None,
                "snippet": snippet[0] if snippet else None,
            }
        hits.suggestion = self._suggestion(hits.total, params)
        return hits

    def _suggestion(self, total, params):
        """A better-spelt query when this one found little (asked only then: it costs)."""
        words = split_phrases(params.text).words
        if not words or total >= SUGGEST_BELOW:
            return ""
        asked = (
            self._search()
            .extra(size=0)
            .suggest(
                "spelling",
                words,
                phrase={
                    "field": "suggest.shingles",
                    "size": 1,
                    "gram_size": 3,
                    "max_errors": 2,
                    "direct_generator": [
                        {"field": "suggest", "suggest_mode": "always", "min_word_length": 3}
                    ],
                },
            )
        )
        options = self._execute(asked).suggest.spelling[0].options
        if not options or options[0].text.casefold() == words.casefold():
            return ""
        text = options[0].text
        if total == 0:
            # Without collate scripts, check the suggestion finds something before offering it.
            check = self._search().query(text_query(parse_text(text, groups=[])))
            check = check.post_filter(_filtered(filters(params)))
            if elastic.call(lambda _es: check.count()) == 0:
                return ""
        return text

    def autocomplete(self, text, limit):
        search = (
            self._search()
            .source(False)
            .query(
                "bool",
                must=[Q("match", **{"title.autocomplete": {"query": text, "operator": "and"}})],
                should=[Q("match_phrase_prefix", title={"query": text, "boost": 2})],
            )
        )
        search = search.sort("_score", {"date": "desc"})[:limit]
        return [int(hit.meta.id) for hit in self._execute(search)]

    def related(self, page, limit, exclude):
        slugs = [topic.slug for topic in page.topics.all()]
        query = Q(
            "bool",
            must=[
                Q(
                    "more_like_this",
                    fields=MLT_FIELDS,
                    like=[{"_index": elastic.alias(), "_id": str(page.pk)}],
                    min_term_freq=1,
                    min_doc_freq=2,
                    max_query_terms=25,
                    minimum_should_match="30%",
                )
            ],
            should=[Q("terms", **{"topics.slug": slugs, "boost": 2})] if slugs else [],
            must_not=[Q("ids", values=[str(pk) for pk in {page.pk, *exclude}])],
        )
        search = self._search().source(False).query(query)[:limit]
        return [int(hit.meta.id) for hit in self._execute(search)]

    def topic_overview(self, topic, latest, exclude):
        search = self._search().source(False).extra(track_total_hits=True)
        search = search.filter("term", **{"topics.slug": topic.slug})
        if exclude:
            search = search.post_filter(
                Q("bool", must_not=[Q("ids", values=[str(pk) for pk in exclude])])
            )
        search.aggs.bucket("topics", A("terms", field="topics.slug", size=7))
        search.aggs.bucket("authors", A("terms", field="authors.slug", size=5))
        search = search.sort({"date": "desc"}, {"page_id": "desc"})[:latest]
        response = self._execute(search)
        topics = [(b.key, b.doc_count) for b in response.aggregations.topics.buckets]
        return TopicFacts(
            latest_ids=[int(hit.meta.id) for hit in response],
            # Aggregations ignore the post_filter, so the topic's own bucket counts everything.
            total=dict(topics).get(topic.slug, 0),
            related_topics=[(slug, count) for slug, count in topics if slug != topic.slug][:6],
            leading_authors=[(b.key, b.doc_count) for b in response.aggregations.authors.buckets],
        )
