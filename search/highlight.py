"""Highlighted titles and snippets made in Python, for the database engine.

Elasticsearch highlights its own results; this gives database results the same look.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 200
_STOP = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it"}
_STOP |= {"of", "on", "or", "that", "the", "to", "was", "were", "will", "with"}
_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word):
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def matcher(terms):
    """A pattern matching any of `terms` and words sharing their stem, or None."""
    stems = sorted({_stem(term) for term in terms if term not in _STOP}, key=len, reverse=True)
    if not stems:
        return None
    alternatives = "|".join(re.escape(stem) for stem in stems)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, pattern):
    """`text` escaped, with matches of `pattern` wrapped in <mark>."""
    if pattern is None:
        return escape(text)
    out, position = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def snippet(summary, body, pattern):
    """The summary if it mentions the query, else the part of the body that does."""
    if pattern is None or pattern.search(summary) or not body:
        return highlight(summary, pattern)
    match = pattern.search(body)
    if match is None:
        return highlight(summary, pattern)
    start = max(0, match.start() - SNIPPET_LENGTH // 3)
    if start:
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    end = min(len(body), start + SNIPPET_LENGTH)
    space = body.rfind(" ", match.end(), end)
    end = space if space > 0 and end < len(body) else end
    fragment = body[start:end].replace("\n", " ")
    return mark_safe(
        ("… " if start else "") + highlight(fragment, pattern) + (" …" if end < len(body) else "")
    )
