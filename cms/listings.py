"""Paging through a listing: the ContentPage listing queries (cms/models/pages.py) are
counted once per content version and split into pages here."""

import hashlib

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.functional import cached_property

from cms.cache import per_content_version


class CachedCountPaginator(Paginator):
    """Counts a listing once per content version: a COUNT over every item is slow at scale
    (see the README's Performance section)."""

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        uncached = super()
        if query is None:
            return uncached.count
        sql, params = query.sql_with_params()
        digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()
        return per_content_version(f"listing-count:{digest}", lambda: uncached.count)


def paginate(request, items, per_page):
    """The requested page of `items`; a page number that is not a real page is a 404."""
    paginator = CachedCountPaginator(items, per_page)
    number = request.GET.get("page", "1")
    try:
        if not str(number).isdigit():
            raise PageNotAnInteger(number)
        return paginator.page(int(number))
    except (PageNotAnInteger, EmptyPage) as exc:
        raise Http404(f"There is no page {number!r} of this listing.") from exc
