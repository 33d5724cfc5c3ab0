"""The beacon: readers' pages POST the item's id here once they are seen (static/js/mostread.js).

It answers 204 with nothing to cache and no cookie; the proxy passes it to the app
(deploy/varnish/default.vcl), so every read is counted even when the page itself came from
the proxy's cache.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cms.models import ContentPage
from cms.pagination import MAX_KEY, whole_number
from cms.refusals import log_refusal
from mostread import counting

TEXT = "text/plain; charset=utf-8"


def _same_origin(request):
    """True for a post from one of the site's own pages: the browser's Sec-Fetch-Site (when
    sent) says same-origin, and its Origin (when sent) is the site's; one of them must be."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site is None and origin is None:
        return False
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    if origin is not None:
        ours = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
        return origin in ours
    return True


# No CSRF token: sendBeacon cannot send one (no custom headers, and the page is cached for
# every reader without a token, see README "Comments"), and a forged beacon can only add
# one read, which the same-origin check, the per-reader key and the rate limit bound.
@csrf_exempt
@never_cache
@require_POST
def count_read(request):
    """`page=<id>` of a live, public item: one read for it, unless this reader counted for
    it lately, is a bot or a prefetch (then nothing is written, and the answer is the same)."""
    page_id = whole_number(request.POST, "page", None, 1, MAX_KEY)  # 400 unless digits
    if not _same_origin(request):
        return HttpResponseForbidden("Reads are counted from this site's own pages only.", TEXT)
    if counting.is_bot_or_prefetch(request):
        return HttpResponse(status=204)
    if not ContentPage.objects.listed().filter(pk=page_id).exists():
        return HttpResponseNotFound("No such item.", TEXT)
    reader = counting.reader_key(request)
    if not counting.within_rate_limit(reader):
        log_refusal("most_read_rate_limited", request, status=429)
        response = HttpResponse("Too many reads counted from here; try later.", TEXT, status=429)
        response["Retry-After"] = str(counting.RATE_WINDOW_SECONDS)
        return response
    if counting.first_read(reader, page_id):
        counting.record_read(page_id)
    return HttpResponse(status=204)
