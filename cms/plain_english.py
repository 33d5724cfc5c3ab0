"""Plain-English advice for the page editor: reading age, long sentences, words to avoid and
abbreviations used before they are spelled out. Advisory only: nothing here blocks
publishing (the accessibility gate in cms/accessibility.py does that)."""

import re
from dataclasses import dataclass, field
from html import unescape

LONG_SENTENCE_WORDS = 25
_BLOCK_END = re.compile(r"<(?:br|/p|/li|/h[1-6]|/blockquote)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])(s?)\b")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def html_paragraphs(html):
    """The text of each paragraph or list item of a rich text fragment."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", html or ""))
    return [" ".join(unescape(line).split()) for line in text.split("\n") if line.strip()]


def body_paragraphs(page):
    """The running text readers read: standfirst, paragraphs, factboxes, pull quotes."""
    paragraphs = [page.standfirst] if getattr(page, "standfirst", "") else []
    for child in page.body or []:
        value = child.value
        if child.block_type == "paragraph":
            paragraphs += html_paragraphs(value.source)
        elif child.block_type == "factbox":
            paragraphs += html_paragraphs(value["body"].source)
        elif child.block_type == "pull_quote":
            paragraphs.append(value["quote"])
    return paragraphs


def syllables(word):
    """An estimate good enough for a reading-age score (vowel groups, silent final e)."""
    word = word.lower().strip("'’-")
    if word.isdigit():
        return 1
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def sentences(paragraphs):
    return [s.strip() for text in paragraphs for s in _SENTENCE_END.split(text) if s.strip()]


@dataclass
class PlainEnglishReport:
    """What the panel shows for one text."""

    words: int = 0
    sentences: int = 0
    grade: float | None = None
    long_sentences: list = field(default_factory=list)  # (word count, sentence)
    words_to_avoid: list = field(default_factory=list)  # (word, times used)
    unexplained_acronyms: list = field(default_factory=list)

    @property
    def reading_age(self):
        """Flesch–Kincaid grade level plus five: the age a reader of that grade is."""
        return None if self.grade is None else max(5, round(self.grade + 5))


def analyse(paragraphs, words_to_avoid=(), known_acronyms=()):
    """The plain-English report for a list of paragraphs of plain text."""
    report = PlainEnglishReport()
    found = sentences(paragraphs)
    total_syllables = 0
    for sentence in found:
        words = _WORD.findall(sentence)
        report.words += len(words)
        total_syllables += sum(syllables(word) for word in words)
        if len(words) > LONG_SENTENCE_WORDS:
            report.long_sentences.append((len(words), sentence))
    report.sentences = len(found)
    if report.words and report.sentences:
        # Flesch–Kincaid grade level (Kincaid et al., 1975).
        report.grade = (
            0.39 * report.words / report.sentences + 11.8 * total_syllables / report.words - 15.59
        )
    text = "\n".join(paragraphs)
    for phrase in words_to_avoid:
        pattern = r"\b" + re.escape(phrase) + r"(?:s|es|d|ed|ing)?\b"
        count = len(re.findall(pattern, text, re.IGNORECASE))
        if count:
            report.words_to_avoid.append((phrase, count))
    report.unexplained_acronyms = unexplained_acronyms(text, known_acronyms)
    return report


def unexplained_acronyms(text, known=()):
    """Abbreviations whose first use is neither "(ICB)" after the words nor "ICB (…)"."""
    # "MPs" is the plural of "MP": the acronym pattern reads it as "MP" too.
    known = {word[:-1] if word.endswith("s") else word for word in known}
    seen, flagged = set(), []
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym in seen:
            continue
        seen.add(acronym)
        before, after = text[: match.start()], text[match.end() :]
        spelled_out = before.endswith("(") and after.startswith(")") or after.startswith(" (")
        if not spelled_out and acronym not in known:
            flagged.append(acronym)
    return flagged
