"""The Elasticsearch document for published content (articles, columns, videos).

Text fields use English analysis with stemming ("councils" finds "council"); the title has
an edge n-gram sub-field for autocomplete; `suggest` holds unstemmed words and shingles for
"did you mean". Synonyms are applied when a query is built (search/synonyms.py), not in the
analysers, so editors' changes take effect on the next search without reindexing.
"""

from collections.abc import Mapping, Sequence
from html import unescape

from django.utils.html import strip_tags
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

from search.kinds import kind_for_content_type_id

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


class ContentDocument(Document):
    """A published article, column or video as readers search for it."""

    page_id = Integer()
    title = Text(
        analyzer=english_text,
        copy_to="suggest",
        fields={
            "autocomplete": Text(analyzer=autocomplete_index, search_analyzer=autocomplete_search)
        },
    )
    standfirst = Text(analyzer=english_text, copy_to="suggest")
    body = Text(analyzer=english_text)
    topics = Object(properties={"slug": Keyword(), "name": name_field()})
    authors = Object(properties={"slug": Keyword(), "name": name_field()})
    kind = Keyword()
    section = Keyword()
    date = Date()
    url = Keyword(index=False)
    image = Object(enabled=False)
    suggest = Text(analyzer=suggest_words, fields={"shingles": Text(analyzer=suggest_shingles)})


# Raw StreamField values whose strings are not reader-visible text.
_NOT_TEXT = {"image", "page", "url", "video", "level", "id", "type"}


def stream_text(raw):
    """The reader-visible words of a StreamField's raw JSON, HTML removed.

    Works on raw data so that indexing never loads the images or pages blocks refer to.
    """
    parts = []

    def walk(value):
        if isinstance(value, str):
            text = unescape(strip_tags(value)).strip()
            if text:
                parts.append(text)
        elif isinstance(value, Mapping):
            if "type" in value and "value" in value:
                walk(value["value"])
                return
            for key, item in value.items():
                if key not in _NOT_TEXT:
                    walk(item)
        elif isinstance(value, Sequence):  # lists, and StreamField's RawDataView
            for item in value:
                walk(item)

    walk(raw)
    return "\n".join(parts)


def page_document(page, url, section="", extra_text=""):
    """The document for a live ContentPage loaded with its topics and authors prefetched.

    extra_text: words only the specific page type has (a video's transcript, a column's
    pull quote).
    """
    body = stream_text(page.body.raw_data)
    return ContentDocument(
        meta={"id": page.pk},
        page_id=page.pk,
        title=page.title,
        standfirst=page.listing_summary or page.standfirst,
        body=f"{body}\n{extra_text}".strip(),
        topics=[{"slug": t.slug, "name": t.name} for t in page.topics.all()],
        authors=[
            {"slug": link.author.slug, "name": link.author.name} for link in page.author_links.all()
        ],
        kind=kind_for_content_type_id(page.content_type_id),
        section=section,
        date=page.sort_date or page.first_published_at,
        url=url,
        image=(
            {"id": page.hero_image_id, "alt": page.hero_image.description}
            if page.hero_image_id and page.hero_image
            else None
        ),
    )
