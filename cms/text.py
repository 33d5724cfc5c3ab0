"""Text the site stores and syndicates: no control characters that XML cannot carry."""

import re

from wagtail.fields import StreamField

# C0 controls other than tab, line feed and carriage return: not allowed in XML 1.0.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_control_characters(value):
    """`value` (text, or lists and dicts of it) with each control character a space.

    A word processor's soft line break is a vertical tab (\\x0b): a space keeps the words
    apart."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub(" ", value)
    if isinstance(value, list):
        return [without_control_characters(item) for item in value]
    if isinstance(value, dict):
        return {key: without_control_characters(item) for key, item in value.items()}
    return value


class PlainTextFieldsMixin:
    """A model whose text and StreamField fields lose control characters on clean().

    Django's feed writer refuses them, so one pasted into a headline would break every
    feed that carries it. Pages are cleaned on every save and revision; snippets when the
    admin form saves them."""

    def clean(self):
        super().clean()
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, StreamField):
                raw = field.stream_block.get_prep_value(value)
                cleaned = without_control_characters(raw)
                if cleaned != raw:
                    setattr(self, field.attname, cleaned)
            elif isinstance(value, str):
                setattr(self, field.attname, without_control_characters(value))
