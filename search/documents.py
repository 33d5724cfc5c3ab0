"""The Elasticsearch document for published content (articles, columns, videos).

Text fields use English analysis with stemming ("councils" finds "council"); the title has
an edge n-gram sub-field for autocomplete; `suggest` holds unstemmed words and shingles for
"did you mean". Synonyms are applied when a query is built (search/query_text.py), not in the
analysers, so editors' changes take effect on the next search without reindexing.
"""

from elasticsearch_dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    Object,
    Text,
    analyzer,
    token_filter,
)

from cms.searchable import body_text

english_possessive = token_filter(
    "english_possessive", type="stemmer", language="possessive_english"
)
english_stop = token_filter("english_stop", type="stop", stopwords="_english_")
english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
autocomplete_grams = token_filter("autocomplete_grams", type="edge_ngram", min_gram=1, max_gram=20)
shingles = token_filter("suggest_shingles", type="shingle", min_shingle_size=2, max_shingle_size=3)

english_text = analyzer(
    "english_text",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", "asciifolding", english_stop, english_stemmer],
)
autocomplete_index = analyzer(
    "autocomplete_index",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", autocomplete_grams],
)
autocomplete_search = analyzer(
    "autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)
suggest_words = analyzer("suggest_words", tokenizer="standard", filter=["lowercase"])
suggest_shingles = analyzer(
    "suggest_shingles", tokenizer="standard", filter=["lowercase", shingles]
)

INDEX_SETTINGS = {
    "number_of_shards": 1,
    # One replica on a cluster, none on a single node, without a setting to change.
    "auto_expand_replicas": "0-1",
    "max_ngram_diff": 20,
}


def name_field():
    """A name searched as English text, with a keyword twin for exact use."""
    return Text(analyzer=english_text, fields={"raw": Keyword()})


def facet_keyword():
    """A keyword readers filter and count by: ordinals built at refresh, not at query time."""
    return Keyword(eager_global_ordinals=True)


class ContentDocument(Document):
    """A published article, column or video as readers search for it."""

    page_id = Integer()
    # Offsets in the postings let the highlighter skip re-analysing each hit's text.
    title = Text(
        analyzer=english_text,
        index_options="offsets",
        copy_to="suggest",
        fields={
            "autocomplete": Text(analyzer=autocomplete_index, search_analyzer=autocomplete_search)
        },
    )
    standfirst = Text(analyzer=english_text, index_options="offsets", copy_to="suggest")
    body = Text(analyzer=english_text, index_options="offsets")
    topics = Object(properties={"slug": facet_keyword(), "name": name_field()})
    authors = Object(properties={"slug": facet_keyword(), "name": name_field()})
    kind = facet_keyword()
    section = Keyword()
    date = Date()
    url = Keyword(index=False)
    image = Object(enabled=False)
    suggest = Text(analyzer=suggest_words, fields={"shingles": Text(analyzer=suggest_shingles)})


# The page columns a document is made from (read with .values(), without model instances).
PAGE_FIELDS = (
    "pk",
    "title",
    "listing_summary",
    "standfirst",
    "body",
    "page_type",
    "sort_date",
    "first_published_at",
    "hero_image_id",
    "hero_image__description",
    "path",
    "url_path",
)


def page_document(row, url, section="", own_texts=(), topics=(), authors=()):
    """The document for one live page: its searchable text as cms/searchable.py defines it.

    row: the PAGE_FIELDS of a ContentPage; topics / authors: [{"slug", "name"}] in order;
    own_texts: the values of the page type's own text fields (a video's transcript, a
    column's pull quote).
    """
    return ContentDocument(
        meta={"id": row["pk"]},
        page_id=row["pk"],
        title=row["title"],
        standfirst=row["listing_summary"] or row["standfirst"],
        body=body_text(row["body"].raw_data, own_texts),
        topics=list(topics),
        authors=list(authors),
        kind=row["page_type"],
        section=section,
        date=row["sort_date"] or row["first_published_at"],
        url=url,
        image=(
            {"id": row["hero_image_id"], "alt": row["hero_image__description"] or ""}
            if row["hero_image_id"]
            else None
        ),
    )
