"""The accessibility gate: what stops an item being published or sent for review.

Each check reads the values the editor submitted (the form's cleaned data, not the saved
page) and answers with messages that say what to fix. The page editor's form
(cms/publish_checks.py) places them on the field or the body block concerned; saving a
draft never runs them. Wagtail's own content checker (configured in cms/integrity_admin.py)
covers the rendered page for everything else.
"""

import re
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


def _rich_text_source(value):
    return getattr(value, "source", value) or ""


def _struct_error(field, message):
    return blocks.StructBlockValidationError(
        block_errors={field: ErrorList([ValidationError(message)])}
    )


def _block_error(kind, value):
    """The accessibility error of one non-heading body block, or None."""
    if kind == "image" and image_lacks_alt(
        value.get("image"), value.get("alt_text"), value.get("decorative")
    ):
        return _struct_error("alt_text", NO_ALT_TEXT)
    if kind == "video" and not (value.get("transcript") or "").strip():
        return _struct_error("transcript", NO_TRANSCRIPT)
    if kind == "paragraph":
        vague = vague_links(_rich_text_source(value))
        return ValidationError(vague_link_message(vague[0])) if vague else None
    if kind == "factbox":
        vague = vague_links(_rich_text_source(value.get("body")))
        return _struct_error("body", vague_link_message(vague[0])) if vague else None
    return None


def body_errors(body):
    """Index of each failing body block -> its error, ready for StreamBlockValidationError."""
    errors = {}
    previous_level = 1  # the headline is the page's h1
    for index, child in enumerate(body or []):
        kind, value = child.block_type, child.value
        error = None
        if kind == "heading":
            level = int(str(value.get("level") or "h2")[1:])
            if level > previous_level + 1:
                error = _struct_error("level", HEADING_SKIPS)
            previous_level = level
        else:
            error = _block_error(kind, value)
            if kind == "factbox":
                previous_level = 2  # its title is an h2 (templates/blocks/factbox_block.html)
        if error is not None:
            errors[index] = error
    return errors
