"""Refuse malformed requests before any view, form or database sees them.

A NUL byte makes PostgreSQL raise (SQLite stores it), invalid UTF-8 turns into replacement
characters somewhere down the line, and control characters that XML cannot carry break
every feed they reach. No reader's browser sends NUL or invalid UTF-8 in a query string,
a header or a form, nor other control characters in a query string or header, so one
check here answers them all with a 400, on every URL, instead of a 500 from whichever view
happens to pass them to the database.
"""

from urllib.parse import parse_qsl

from django.core.exceptions import BadRequest

from cms.text import CONTROL_CHARACTERS

# Far longer than any address the site makes (gunicorn already refuses request lines over
# 4 KB): views give their own, clearer message for long values below this.
MAX_ADDRESS_LENGTH = 32_768


class ExplainedBadRequest(BadRequest):
    """A 400 whose message is written for the reader (the 400 page shows it)."""


class MalformedRequest(ExplainedBadRequest):
    """The request carries bytes no browser sends: NUL, invalid UTF-8, control characters."""


def _utf8(wsgi_string, where):
    """Decode a WSGI string (bytes as latin-1) strictly as UTF-8."""
    try:
        return wsgi_string.encode("latin-1").decode("utf-8")
    except UnicodeError:
        raise MalformedRequest(f"The {where} is not valid UTF-8 text.") from None


def _check_text(values, where):
    for value in values:
        if CONTROL_CHARACTERS.search(value):
            raise MalformedRequest(f"The {where} contains control characters.")


def _check_nul(values, where):
    # In a form only NUL is refused outright: a vertical tab pasted from a word processor
    # is the field's business (content pages strip it on save), and a 400 would lose the
    # reader's text.
    if any("\x00" in value for value in values):
        raise MalformedRequest(f"The {where} contains a NUL character.")


def _decoded_pairs(text, where):
    """Every name and value of a query string or form body, percent-decoded strictly."""
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeError:
        raise MalformedRequest(f"The {where} is not valid UTF-8 text.") from None
    return [part for pair in pairs for part in pair]


def check_request(request):
    """Raise MalformedRequest unless the path, query, headers and form are clean text."""
    meta = request.META
    for name in ("PATH_INFO", "QUERY_STRING"):
        if len(meta.get(name, "")) > MAX_ADDRESS_LENGTH:
            raise MalformedRequest("This address is too long.")
    # Django has already decoded the path, re-quoting bytes that are not UTF-8 ("%FF"),
    # so those reach the views as plain text that names no page: a 404.
    _check_text([request.path_info], "address")
    _check_text(
        _decoded_pairs(_utf8(meta.get("QUERY_STRING", ""), "address"), "address"), "address"
    )
    headers = [value for key, value in meta.items() if key.startswith("HTTP_")]
    _check_text([value for value in headers if isinstance(value, str)], "request headers")
    _check_text(request.COOKIES.values(), "cookies")
    if request.method == "POST":
        _check_form(request)


def _check_form(request):
    if request.content_type == "application/x-www-form-urlencoded":
        # The raw body, because Django's own parsing turns invalid UTF-8 into "\ufffd".
        try:
            body = request.body.decode("utf-8")
        except UnicodeError:
            raise MalformedRequest("The form is not valid UTF-8 text.") from None
        _check_nul(_decoded_pairs(body, "form"), "form")
    elif request.content_type == "multipart/form-data":
        _check_nul(
            [part for key, values in request.POST.lists() for part in [key, *values]], "form"
        )


class RefuseMalformedRequestMiddleware:
    """Answer 400 to a request with NUL, invalid UTF-8 or control characters in its path,
    query string, headers, cookies or form body (put it near the top of MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check_request(request)
        return self.get_response(request)
