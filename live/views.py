"""Serving live coverage: cache headers for the proxy, and the updates endpoint readers poll.

The page and its endpoint are left out of the app's own page cache (cms/middleware.py),
which cannot be purged one page at a time, and are kept by the proxy instead, for
LIVE_PROXY_SECONDS or until an entry purges them (live/changes.py). Browsers always
revalidate (max-age=0): a reload shows the latest, and a poll is answered 304 from the ETag.
"""

import hashlib

from django.conf import settings
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control

from cms.pagination import MAX_KEY, whole_number

# The most entries one answer carries; a reader further behind is told to reload.
MAX_UPDATES = 50


def cacheable(request, response):
    """Mark a live page's response for the proxy (anonymous readers only)."""
    request._cache_update_cache = False  # not in the app's page cache: see the docstring
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.LIVE_PROXY_SECONDS)
    return response


def updates(request, page):
    """`<page>/updates/?since=<entry id>`: the entries posted after that one, as JSON.

    {"latest": newest entry id, "entries": [{"id", "html"}] newest first, "more": whether
    entries were left out (the reader should reload), "closed": whether the coverage ended}.
    A bad `since` is a 400 (cms/pagination.py). With `If-None-Match` an unchanged answer
    is a 304.
    """
    since = whole_number(request.GET, "since", 0, 0, MAX_KEY)
    entries = list(
        page.entries.visible()
        .filter(pk__gt=since)
        .select_related("author")
        .order_by("-pk")[: MAX_UPDATES + 1]
    )
    more, entries = len(entries) > MAX_UPDATES, entries[:MAX_UPDATES]
    closed = page.is_closed
    state = [
        page.pk,
        since,
        closed,
        *((entry.pk, entry.updated_at.isoformat()) for entry in entries),
    ]
    etag = f'"{hashlib.sha256(repr(state).encode()).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = JsonResponse(
            {
                "latest": entries[0].pk if entries else since,
                "entries": [
                    {
                        "id": entry.pk,
                        "html": render_to_string(
                            "live/entry.html", {"entry": entry, "page": page}, request
                        ),
                    }
                    for entry in entries
                ],
                "more": more,
                "closed": closed,
            }
        )
    response.headers["ETag"] = etag
    return cacheable(request, response)
