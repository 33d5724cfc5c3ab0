"""Paging through a listing: the ContentPage listing queries (cms/models/pages.py) are
counted once per version of the site scope and split into pages here."""

import hashlib

from django.core.paginator import EmptyPage
from django.http import Http404
from django.utils.functional import cached_property

from cms import changes
from cms.pagination import LinkedPaginator, page_number


class CachedCountPaginator(LinkedPaginator):
    """Counts a listing once per version of the site scope: a COUNT over every item is slow at scale
    (see the README's Performance section)."""

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        uncached = super()
        if query is None:
            return uncached.count
        sql, params = query.sql_with_params()
        digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()
        return changes.cached(f"listing-count:{digest}", lambda: uncached.count)


def paginate(request, items, per_page):
    """The requested page of `items` (cms.pagination: a bad number is a 400, a page past
    the last is a 404)."""
    paginator = CachedCountPaginator(items, per_page)
    number = page_number(request.GET)
    try:
        return paginator.page(number)
    except EmptyPage as exc:
        raise Http404(f"There is no page {number} of this listing.") from exc
