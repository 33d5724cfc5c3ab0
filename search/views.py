"""The search page and the autocomplete endpoint for the search box."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms.models import Topic
from search.params import DATE_RANGES, MAX_QUERY_LENGTH, InvalidSearch, clean_text, parse
from search.queries import ContentSearch

AUTOCOMPLETE_MIN_LENGTH = 2
AUTOCOMPLETE_LIMIT = 8


def existing_topics(slugs):
    return Topic.objects.filter(slug__in=slugs).values_list("slug", flat=True)


def _render(request, context, status=200):
    response = render(request, "search/search_page.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    # Not for the shared page cache: results follow the index, which changes after (not
    # with) a publish, and every query string would be another cache entry.
    patch_cache_control(response, private=True, max_age=0)
    return response


@require_GET
def search_page(request):
    """/search/?q=…&topic=…&type=…&date=…&from=…&to=…&sort=relevance|newest&page=N"""
    typed = clean_text(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    context = {
        "search_query": typed,
        "date_ranges": DATE_RANGES,
        "all_topics": Topic.objects.only("name", "slug"),
    }
    try:
        params = parse(request.GET, existing_topics)
    except InvalidSearch as exc:
        return _render(request, {**context, "error": str(exc)}, status=400)
    context["params"] = params
    if params.is_empty:
        return _render(request, context)
    results = ContentSearch(params).results()
    if params.page > results.num_pages:
        raise Http404(f"There is no page {params.page} of these results.")
    return _render(request, {**context, "results": results})


@require_GET
@cache_control(private=True, max_age=60)
def autocomplete(request):
    """JSON for the search box: headlines starting with what was typed, and topics."""
    text = clean_text(request.GET.get("q", ""))
    if len(text) > MAX_QUERY_LENGTH:
        return JsonResponse(
            {"error": f"Searches can be up to {MAX_QUERY_LENGTH} characters long."}, status=400
        )
    if len(text) < AUTOCOMPLETE_MIN_LENGTH:
        return JsonResponse({"query": text, "results": [], "topics": []})
    pages = ContentSearch().autocomplete(text, limit=AUTOCOMPLETE_LIMIT)
    topics = Topic.objects.filter(name__icontains=text).order_by("name")[:3]
    return JsonResponse(
        {
            "query": text,
            "results": [
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "kind": page.kind,
                    "date": timezone.localtime(page.date).date().isoformat() if page.date else None,
                }
                for page in pages
            ],
            "topics": [{"name": topic.name, "url": topic.get_absolute_url()} for topic in topics],
        }
    )
