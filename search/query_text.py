"""The query-text parser: what a reader typed, as quoted phrases, plain words and
editors' synonyms.

Synonyms are applied when a query is built, for both engines: in "NHS waiting lists" the
word "NHS" becomes "NHS or the phrase National Health Service", and the rest must match as
usual. Editors' changes apply to the very next search, with no reindex, no analyser reload
and no deploy. Quoted phrases are taken exactly as typed.
"""

import re
from dataclasses import dataclass

from search.models import SearchSynonym

_QUOTES = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
_STRAY_QUOTES = re.compile(r"[\"“”„«»]")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TextQuery:
    """What a reader typed, ready for an engine.

    words: free words, every one must match; phrases: quoted phrases, each must match
    exactly; alternatives: groups of equivalent terms (synonyms), one of each group must
    match.
    """

    words: str
    phrases: tuple = ()
    alternatives: tuple = ()

    @property
    def empty(self):
        return not (self.words or self.phrases or self.alternatives)

    @property
    def terms(self):
        """Lower-case words of everything that may match, for highlighting."""
        texts = [
            self.words,
            *self.phrases,
            *(term for group in self.alternatives for term in group),
        ]
        return sorted({word.casefold() for text in texts for word in WORD.findall(text)})


def split_phrases(text):
    """Quoted parts become phrases; an unbalanced quote mark is ignored."""
    phrases = tuple(p.strip() for p in _QUOTES.findall(text) if WORD.search(p))
    rest = _STRAY_QUOTES.sub(" ", _QUOTES.sub(" ", text))
    return TextQuery(words=" ".join(rest.split()), phrases=phrases)


def synonym_groups():
    """Editors' synonyms as lists of terms (one small query, so edits apply at once)."""
    return [synonym.term_list for synonym in SearchSynonym.objects.all()]


def _pattern(term):
    # "councils" matches the synonym "council" too; the stemming analyser does the rest.
    return re.compile(rf"(?<!\w){re.escape(term)}(?:e?s)?(?!\w)", re.IGNORECASE)


def parse_text(text, groups=None):
    """A TextQuery for `text`, with editors' synonyms (`groups`, else from the database)."""
    parsed = split_phrases(text)
    groups = synonym_groups() if groups is None else groups
    words, alternatives = parsed.words, []
    for terms in groups:
        for term in terms:
            found = _pattern(term).search(words)
            if found is None:
                continue
            others = [other for other in terms if other.casefold() != term.casefold()]
            alternatives.append(tuple(dict.fromkeys([found.group(0), *others])))
            words = _pattern(term).sub(" ", words)
            break
    return TextQuery(" ".join(words.split()), parsed.phrases, tuple(alternatives))
