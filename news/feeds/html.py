"""Make the links and images inside rendered HTML absolute, for readers off the site."""

import re
from html import escape, unescape
from urllib.parse import urljoin, urlsplit

URL_ATTRIBUTE = re.compile(r"""\b(href|src|poster|data-src)=(["'])(.*?)\2""", re.IGNORECASE)
SRCSET_ATTRIBUTE = re.compile(r"""\bsrcset=(["'])(.*?)\1""", re.IGNORECASE)
# Feed readers run no scripts; a reader would only see them as text or a risk.
SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def _absolute(base, value):
    value = value.strip()
    if not value or urlsplit(value).scheme:
        return value
    return urljoin(base, value)


def absolutise(html, base):
    """Rewrite relative href/src/srcset values in `html` against `base` (an absolute URL)."""

    def url_attribute(match):
        name, quote, value = match.groups()
        new = escape(_absolute(base, unescape(value)), quote=True)
        return f"{name}={quote}{new}{quote}"

    def srcset_attribute(match):
        quote, value = match.groups()
        candidates = []
        for candidate in unescape(value).split(","):
            parts = candidate.strip().split(maxsplit=1)
            if parts:
                parts[0] = _absolute(base, parts[0])
                candidates.append(" ".join(parts))
        return f"srcset={quote}{escape(', '.join(candidates), quote=True)}{quote}"

    html = SCRIPT.sub("", html)
    html = URL_ATTRIBUTE.sub(url_attribute, html)
    return SRCSET_ATTRIBUTE.sub(srcset_attribute, html)
