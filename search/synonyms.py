"""Reader queries: quoted phrases, plain words, and editors' synonyms.

Synonyms are expanded when a query is built, for both engines: a search for "NHS waiting
lists" also runs as "National Health Service waiting lists". Editors' changes apply to the
very next search, with no reindex, no analyser reload and no deploy.
"""

import re
from dataclasses import dataclass

MAX_VARIANTS = 8
_QUOTES = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
_STRAY_QUOTES = re.compile(r"[\"“”„«»]")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TextQuery:
    """A query's free words and its quoted phrases."""

    words: str
    phrases: tuple

    @property
    def empty(self):
        return not self.words and not self.phrases


def split_phrases(text):
    """Quoted parts become phrases; an unbalanced quote mark is ignored."""
    phrases = tuple(p.strip() for p in _QUOTES.findall(text) if WORD.search(p))
    rest = _STRAY_QUOTES.sub(" ", _QUOTES.sub(" ", text))
    return TextQuery(words=" ".join(rest.split()), phrases=phrases)


def synonym_groups():
    """Editors' synonyms as lists of terms (one small query, so edits apply at once)."""
    from search.models import SearchSynonym

    return [synonym.term_list for synonym in SearchSynonym.objects.all()]


def _pattern(term):
    # "councils" matches the synonym "council" too; the stemming analyser does the rest.
    return re.compile(rf"(?<!\w){re.escape(term)}(?:e?s)?(?!\w)", re.IGNORECASE)


def variants(text, groups=None):
    """The query as typed, then the same query with each synonym swapped in."""
    groups = synonym_groups() if groups is None else groups
    found = [text]
    for terms in groups:
        for term in terms:
            pattern = _pattern(term)
            if not pattern.search(text):
                continue
            for other in terms:
                if other.casefold() != term.casefold():
                    variant = pattern.sub(lambda _match, other=other: other, text)
                    if variant not in found:
                        found.append(variant)
    return found[:MAX_VARIANTS]


def terms_of(texts):
    """Lower-case words of all `texts`, for highlighting and spelling."""
    return sorted({word.casefold() for text in texts for word in WORD.findall(text)})
