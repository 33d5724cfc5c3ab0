"""The read-only API (Wagtail API v2) at /api/v2/: published articles, columns and videos.

/api/v2/pages/ lists live, public content newest first with topics, authors and the
hero image; ?topic=<slug> and ?author=<slug> filter it, ?type=news (or last-word, tv:
the kind keys /search/ takes) picks a kind. Unknown parameters and bad values
are a 400 with a message, never a 500.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from cms.kinds import kinds, model_for_kind
from cms.models import Author, ContentAuthor, ContentPage, Topic
from cms.privacy import without_private


class SlugFilter(BaseFilterBackend):
    """Filter by the slug of a related snippet; a slug that names nothing is a 400."""

    parameter = ""
    model = None
    lookup = ""

    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get(self.parameter)
        if slug is None:
            return queryset
        obj = self.model.objects.filter(slug=slug).first()
        if obj is None:
            raise BadRequestError(
                f"{self.parameter} filter error: no {self.parameter} has the slug {slug!r}"
            )
        return queryset.filter(**{self.lookup: obj}).distinct()


class TopicFilter(SlugFilter):
    """?topic=<slug>: content filed under that topic."""

    parameter, model, lookup = "topic", Topic, "topics"


class AuthorFilter(SlugFilter):
    """?author=<slug>: content by that author or columnist."""

    parameter, model, lookup = "author", Author, "author_links__author"


class ContentPagesAPIViewSet(PagesAPIViewSet):
    """Pages endpoint limited to published content (articles, columns, videos)."""

    model = ContentPage
    filter_backends = [TopicFilter, AuthorFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["topic", "author"])
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "standfirst",
        "date",
        "authors",
        "topics",
        "hero_image",
    ]

    def get_base_queryset(self):
        # Private sections stay out for every reader, as they do in listings and feeds.
        return without_private(super().get_base_queryset().type(ContentPage))

    def get_queryset(self):
        requested = self.request.GET.get("type")
        if requested:
            # A kind key, as on /search/; Wagtail's own `type` (a model label) is not used.
            try:
                model = model_for_kind(requested)
            except KeyError:
                allowed = ", ".join(kinds())
                raise BadRequestError(
                    f"type doesn't exist: {requested[:40]!r}; the type must be one of {allowed}"
                ) from None
            # The specific model's queryset, so its own API fields can be asked for.
            base = self.get_base_queryset().values_list("pk", flat=True)
            queryset = model.objects.filter(pk__in=base)
        else:
            queryset = super().get_queryset()
        return queryset.order_by("-sort_date", "-pk").prefetch_related(
            "topics",
            "hero_image",
            Prefetch("author_links", queryset=ContentAuthor.objects.select_related("author")),
        )

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except (ValidationError, ValueError, TypeError) as exc:
            raise BadRequestError(f"filter error: {exc}") from exc


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ContentPagesAPIViewSet)
