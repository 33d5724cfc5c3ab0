"""The accessibility gate: what stops an item being published or sent for review.

Each check reads the values an item would go live with (the editor's cleaned data, or the
page a revision would publish) and answers with Problems that say what to fix. The page
editor's form (cms/publish_checks.py) places them on the field or the body block
concerned, and the other ways of publishing list them (cms/publish_doors.py); saving a
draft never runs them. Wagtail's own content checker (configured in cms/integrity_admin.py)
covers the rendered page for everything else.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks

# Link text that says nothing out of context (WCAG 2.4.4): screen reader users list links.
VAGUE_LINK_TEXT = {"click here", "read more", "here", "more", "click", "this", "link"}

NO_ALT_TEXT = (
    "Add alternative text describing this image for readers who cannot see it, "
    "or tick “Decorative” if it adds nothing to the text."
)
NO_TRANSCRIPT = "Add a transcript, for readers who cannot watch or hear the video."
HEADING_SKIPS = (
    "This heading skips a level: the headline is the page's first level, so the body's "
    "first heading is “Heading 2”, and a “Heading 3” needs a “Heading 2” above it."
)
# The body has no table block; when one is added, its check belongs here.


def vague_link_message(text):
    return (
        f"A link reads “{text}”: link text must say where it goes "
        "(e.g. “the council's budget report”), not “click here” or “read more”."
    )


class _LinkText(HTMLParser):
    """Collects the text of every <a> element of a rich text fragment."""

    def __init__(self):
        super().__init__()
        self.links, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = []

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append(" ".join("".join(self._open).split()))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)


def link_texts(html):
    """The visible text of each link in a rich text fragment, in order."""
    parser = _LinkText()
    parser.feed(html or "")
    parser.close()
    return parser.links


def vague_links(html):
    """The links whose text alone says nothing ("click here", "read more"…)."""
    return [
        text
        for text in link_texts(html)
        if re.sub(r"[^\w ]", "", text).strip().lower() in VAGUE_LINK_TEXT
    ]


def image_lacks_alt(image, alt_text, decorative):
    """True when an image would reach readers with no text alternative."""
    if image is None or decorative:
        return False
    return not (alt_text or "").strip() and not (getattr(image, "description", "") or "").strip()


@dataclass(frozen=True)
class Problem:
    """One thing that keeps an item from readers: where it is, what to do, and in brief."""

    field: str  # the page field: hero_alt_text, transcript or body
    message: str  # what the editor is told on the field (or the body block)
    summary: str  # a few words, for a list of problems outside the editor
    block: int | None = None  # the body block's index
    block_field: str | None = None  # the child of a struct block holding the problem


# The page fields the checks read; an item is checked on those it has.
CHECKED_FIELDS = ("hero_image", "hero_alt_text", "hero_decorative", "transcript", "body")


def problems(values):
    """Every accessibility problem in the values an item would go live with.

    `values` maps each of CHECKED_FIELDS the item has to its value: the editor's cleaned
    data, or the attributes of the page a revision would publish.
    """
    found = []
    if "hero_image" in values and image_lacks_alt(
        values["hero_image"], values.get("hero_alt_text"), values.get("hero_decorative")
    ):
        found.append(
            Problem("hero_alt_text", NO_ALT_TEXT, "the hero image has no alternative text")
        )
    if "transcript" in values and not (values["transcript"] or "").strip():
        found.append(Problem("transcript", NO_TRANSCRIPT, "the video has no transcript"))
    if "body" in values:
        found += body_problems(values["body"])
    return found


def _rich_text_source(value):
    return getattr(value, "source", value) or ""


def _vague_link_problem(index, html, block_field=None):
    vague = vague_links(_rich_text_source(html))
    if not vague:
        return None
    summary = f"body block {index + 1} has a link reading “{vague[0]}”"
    return Problem("body", vague_link_message(vague[0]), summary, index, block_field)


def _block_problem(index, kind, value):
    """The accessibility problem of one non-heading body block, or None."""
    if kind == "image" and image_lacks_alt(
        value.get("image"), value.get("alt_text"), value.get("decorative")
    ):
        summary = f"the image in body block {index + 1} has no alternative text"
        return Problem("body", NO_ALT_TEXT, summary, index, "alt_text")
    if kind == "video" and not (value.get("transcript") or "").strip():
        summary = f"the video in body block {index + 1} has no transcript"
        return Problem("body", NO_TRANSCRIPT, summary, index, "transcript")
    if kind == "paragraph":
        return _vague_link_problem(index, value)
    if kind == "factbox":
        return _vague_link_problem(index, value.get("body"), "body")
    return None


def body_problems(body):
    """The problems of the body's blocks, in order (at most one per block)."""
    found = []
    previous_level = 1  # the headline is the page's h1
    for index, child in enumerate(body or []):
        kind, value = child.block_type, child.value
        if kind == "heading":
            level = int(str(value.get("level") or "h2")[1:])
            if level > previous_level + 1:
                summary = f"the heading in body block {index + 1} skips a level"
                found.append(Problem("body", HEADING_SKIPS, summary, index, "level"))
            previous_level = level
            continue
        problem = _block_problem(index, kind, value)
        if kind == "factbox":
            previous_level = 2  # its title is an h2 (templates/blocks/factbox_block.html)
        if problem is not None:
            found.append(problem)
    return found


def block_errors(found):
    """Body block index -> its error, ready for StreamBlockValidationError."""
    errors = {}
    for problem in found:
        if problem.block is None:
            continue
        error = ValidationError(problem.message)
        if problem.block_field:
            error = blocks.StructBlockValidationError(
                block_errors={problem.block_field: ErrorList([error])}
            )
        errors[problem.block] = error
    return errors
