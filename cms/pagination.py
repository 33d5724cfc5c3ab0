"""Page numbers, offsets and limits read from a query string: one parser, one rule.

The rule, everywhere (listings, topic and author pages, search, the API): a value that is
not a whole number in range, written in ASCII digits and given once, is a 400 that says
so ("²", "①", "٣", "0", "1.5", 20 digits, `?page=1&page=2`); a well-formed page number
past the last page is a 404, because that page does not exist (yet).
"""

from django.core.paginator import Page, Paginator

from cms.http import ExplainedBadRequest

# More pages than any listing has; also bounds int() on a hostile string of digits.
MAX_PAGE = 100_000
MAX_OFFSET = 10_000_000
# Page and comment keys are 32-bit in the database; a bigger number matches nothing.
MAX_KEY = 2**31 - 1


class InvalidNumber(ExplainedBadRequest):
    """A page number, offset or limit that is not a whole number in range."""


def whole_number(querydict, name, default, minimum, maximum):
    """The query parameter `name` as an int from minimum to maximum; absent or blank is
    `default` (unless that is None); anything else raises InvalidNumber with a message
    for the reader."""
    values = [value.strip() for value in querydict.getlist(name) if value.strip()]
    if not values and default is not None:
        return default
    if len(values) > 1:
        raise InvalidNumber(f"Give “{name}” only once.")
    value = values[0] if values else ""
    # str.isdigit() alone accepts "²" and "①", which int() then refuses; and the length
    # check comes first because int() of thousands of digits is slow.
    is_number = value.isascii() and value.isdigit() and len(value) <= len(str(maximum))
    if not is_number or not minimum <= int(value) <= maximum:
        raise InvalidNumber(f"The {name} must be a whole number from {minimum} to {maximum}.")
    return int(value)


def page_number(querydict, last_page=MAX_PAGE):
    """The `page` parameter (1 when absent); see the module docstring for the rule."""
    return whole_number(querydict, "page", 1, 1, last_page)


class LinkedPage(Page):
    """A page of a listing with the links templates/components/pagination.html uses."""

    @property
    def num_pages(self):
        return self.paginator.num_pages

    @property
    def previous_url(self):
        return f"?page={self.previous_page_number()}"

    @property
    def next_url(self):
        return f"?page={self.next_page_number()}"


class LinkedPaginator(Paginator):
    """A Paginator whose pages are LinkedPages."""

    def _get_page(self, *args, **kwargs):
        return LinkedPage(*args, **kwargs)
