"""Serve a feed like a good feed server: validators, 304s, and a cache keyed on change.

A feed's ETag and Last-Modified come from its scopes' stamps (cms/changes.py), read with one
query, so a conditional GET is answered 304 without building anything. The XML is
cached under a key that includes that stamp: a change makes a new key, so nothing
needs deleting, and every process (web workers, `publish_scheduled`) agrees.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from cms import changes

# Bump when the feed markup changes, so cached copies and client ETags are renewed.
FEED_MARKUP_VERSION = 1


def serve_feed(request, feed, obj):
    """The HTTP response for `feed` (a ContentFeed) of `obj`: 200 with XML, or 304."""
    # Feeds keep their own cache and validators; a copy in the whole-page cache
    # (cms.middleware) would answer conditional GETs with a full 200 and skip the stamps.
    request._cache_update_cache = False
    changed = feed_last_changed(feed, obj)
    identity = ":".join(
        str(part)
        for part in (
            feed.scope,
            feed.identity(obj),
            feed.format,
            request.get_host(),  # picks the Wagtail site, so the host inside the XML
            changed.isoformat(),
            FEED_MARKUP_VERSION,
        )
    )
    etag = f'"{hashlib.sha256(identity.encode()).hexdigest()[:32]}"'
    last_modified = int(changed.timestamp())

    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    response = not_modified or HttpResponse(
        _feed_body(request, feed, obj, etag), content_type=feed.feed_type.content_type
    )
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=settings.FEED_MAX_AGE)
    return response


def feed_last_changed(feed, obj):
    return changes.last_changed(feed.stamp_keys(obj))


def _feed_body(request, feed, obj, etag):
    key = f"feed-body:{etag}"
    timeout = settings.FEED_CACHE_SECONDS
    body = cache.get(key) if timeout else None
    if body is None:
        body = feed.get_feed(obj, request).writeString("utf-8").encode("utf-8")
        if timeout:
            cache.set(key, body, timeout)
    return body
