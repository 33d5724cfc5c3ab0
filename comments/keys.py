"""Database keys from URLs and forms: whole numbers the database can hold, or nothing.

Comments and pages have 32-bit keys. A bigger number (or a Unicode digit such as "²")
must become a 404 or a form error, not an overflow in the database driver.
"""

from django.urls import register_converter

LARGEST_KEY = 2**31 - 1


def as_key(value):
    """value as a positive key the database can hold, else None."""
    text = str(value if value is not None else "")
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_KEY else None


class KeyConverter:
    """A URL path converter for keys: anything else does not match the URL."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        key = as_key(value)
        if key is None:
            raise ValueError(f"{value} is not a key")
        return key

    def to_url(self, value):
        return str(value)


register_converter(KeyConverter, "comment_key")
