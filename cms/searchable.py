"""What readers can find a content page by: one definition for both search engines.

A page is found by its headline, its summary (the listing summary, else the standfirst),
its body text (every StreamField block's words, pull quotes and factboxes included, plus
the text fields its own page type adds: a video's transcript, a column's pull quote), and
the names of its topics and authors. The database engine indexes these through Wagtail's
`search_fields` (SEARCH_FIELDS below); Elasticsearch builds its document from the same
functions (search/documents.py), reading plain rows rather than page objects.
"""

import re
from collections.abc import Mapping, Sequence
from html import unescape

from django.db import models
from wagtail.search import index

# Raw StreamField values whose strings are not reader-visible text.
_NOT_TEXT = {"image", "page", "url", "video", "level", "id", "type"}
# Rich text from Wagtail's editor is well-formed: a regular expression strips it much faster
# than an HTML parser, which matters when indexing tens of thousands of stories.
_BLOCK_TAG = re.compile(r"<(?:br|/p|/li|/h[1-6]|/div|/blockquote)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def html_to_text(value):
    """Words of a rich text fragment: tags removed, entities decoded, spaces collapsed."""
    if "<" in value:
        value = _TAG.sub("", _BLOCK_TAG.sub(" ", value))
    return " ".join(unescape(value).split())


def stream_text(raw):
    """The reader-visible words of a StreamField's raw JSON, HTML removed.

    Works on raw data so that indexing never loads the images or pages blocks refer to.
    """
    parts = []

    def walk(value):
        if isinstance(value, str):
            text = html_to_text(value)
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


def own_text_fields(model):
    """Reader-visible text fields a page type adds to ContentPage (transcript, pull quote)."""
    return [
        field.name
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.URLField | models.SlugField)
    ]


def body_text(raw_body, own_texts=()):
    """The searchable body: the StreamField's words, then the page type's own text."""
    parts = [stream_text(raw_body), *(text for text in own_texts if text)]
    return "\n".join(part for part in parts if part)


# ContentPage.search_fields for Wagtail's database backend; the methods they name are on
# ContentPage (Wagtail looks for them on the model) and call the functions here.
SEARCH_FIELDS = [
    index.SearchField("summary"),
    index.SearchField("search_body"),
    index.SearchField("topic_names"),
    index.SearchField("author_names"),
    # The admin's page search matches as you type (autocomplete) on the text too.
    index.AutocompleteField("summary"),
    index.AutocompleteField("search_body"),
    index.FilterField("sort_date"),
    index.FilterField("topics"),
]
