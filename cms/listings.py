"""The one listing query behind home, section, topic, author and feed pages.

It fetches everything a teaser shows (authors, topics, hero image renditions) in a fixed
number of queries, however many items are listed.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce, Now
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.images import get_image_model

from cms.cache import content_version

TEASER_RENDITIONS = ("fill-640x360", "fill-320x180")


def content_pages(kind=None, topic=None, author=None, within=None):
    """Live, public content pages, newest first (no teaser data; see content_listing).

    kind: a model label ("news.ArticlePage") or model class to restrict to one type;
    topic / author: a Topic or Author; within: a page whose descendants are listed.
    """
    from cms.models import ContentAuthor, ContentPage

    # An embargoed item is never live before its time (IntegrityFields holds it back);
    # should one be, listings still leave it out. Now() keeps the SQL, and so the
    # paginator's cached count, the same from one request to the next.
    pages = without_private(ContentPage.objects.live()).exclude(embargo_until__gt=Now())
    if kind is not None:
        model = apps.get_model(kind) if isinstance(kind, str) else kind
        pages = pages.filter(page_type=model._meta.label_lower)
    # EXISTS rather than a join: SQLite then walks the date index and stops at the page
    # size (1 ms for a topic at 100,000 articles) instead of sorting all the topic's rows.
    if topic is not None:
        tagged = ContentPage.topics.through.objects.filter(topic=topic, contentpage=OuterRef("pk"))
        pages = pages.filter(Exists(tagged))
    if author is not None:
        credited = ContentAuthor.objects.filter(author=author, page=OuterRef("pk"))
        pages = pages.filter(Exists(credited))
    if within is not None:
        pages = pages.descendant_of(within)
    return pages.order_by("-sort_date", "-pk")


def content_listing(kind=None, topic=None, author=None, within=None):
    """content_pages(...) ready to render as teasers."""
    return with_teaser_data(content_pages(kind=kind, topic=topic, author=author, within=within))


def load_teasers(**slots):
    """Several short listings loaded together: one query for each slot's ids, then one
    query (and one per prefetch) for every page they name, instead of a set per slot.

    Each slot is a sliced queryset or list of ContentPage ids; returns slot -> pages.
    """
    from cms.models import ContentPage

    ids = {
        name: list(ids.values_list("pk", flat=True)) if hasattr(ids, "values_list") else ids
        for name, ids in slots.items()
    }
    wanted = {pk for chosen in ids.values() for pk in chosen}
    found = with_teaser_data(ContentPage.objects.filter(pk__in=wanted))
    by_pk = {page.pk: page for page in found}
    return {name: [by_pk[pk] for pk in chosen if pk in by_pk] for name, chosen in ids.items()}


def restricted_paths():
    """Tree paths of private sections, read once per content version.

    Wagtail's own `.public()` joins the restrictions to the page table on every call, and
    SQLite plans that join as a scan of every page (30-40 ms at 100,000 pages).
    """

    def compute():
        from wagtail.models import Page, PageViewRestriction

        page_ids = list(PageViewRestriction.objects.values_list("page_id", flat=True))
        return list(Page.objects.filter(pk__in=page_ids).values_list("path", flat=True))

    return per_content_version("restricted-paths", compute)


def per_content_version(name, compute):
    """compute() once per content version, shared by every process using the cache."""
    key = f"{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=3600)
    return value


def topic_item_counts():
    """Topic id -> how many live items are filed under it.

    Grouped on the link table alone (and cached per content version): annotating Topic
    with a Count groups every topic column over every link (0.5 s at 50,000 articles).
    """
    from cms.models import ContentPage

    def compute():
        links = ContentPage.topics.through.objects.filter(contentpage__page_ptr__live=True)
        rows = links.values("topic_id").annotate(n=Count("contentpage_id", distinct=True))
        return {row["topic_id"]: row["n"] for row in rows.order_by()}

    return per_content_version("topic-item-counts", compute)


def author_item_counts():
    """Author id -> how many live items credit them (see topic_item_counts)."""
    from cms.models import ContentAuthor

    def compute():
        links = ContentAuthor.objects.filter(page__live=True)
        rows = links.values("author_id").annotate(n=Count("page_id", distinct=True))
        return {row["author_id"]: row["n"] for row in rows.order_by()}

    return per_content_version("author-item-counts", compute)


def with_item_counts(snippets, counts):
    """The snippets with `item_count` set from `counts` (id -> count)."""
    snippets = list(snippets)
    for snippet in snippets:
        snippet.item_count = counts.get(snippet.pk, 0)
    return snippets


def without_private(pages):
    """`pages` minus those in private (password, login or group restricted) sections."""
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def with_teaser_data(pages):
    """Add the joins and prefetches a teaser needs to a ContentPage queryset."""
    from cms.models import ContentAuthor

    images = get_image_model().objects.prefetch_renditions(*TEASER_RENDITIONS)
    if apps.is_installed("django_comments"):
        pages = pages.annotate(comment_count=_published_comment_count())
    return pages.prefetch_related(
        Prefetch("hero_image", queryset=images),
        Prefetch(
            "author_links",
            queryset=ContentAuthor.objects.select_related("author").order_by("sort_order"),
        ),
        "topics",
    )


class CachedCountPaginator(Paginator):
    """Counts a listing once per content version: COUNT over 100,000 rows costs 0.2 s."""

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        sql, params = query.sql_with_params()
        digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()
        key = f"listing-count:{content_version()}:{digest}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, timeout=3600)
        return count


def _published_comment_count():
    """Published comments per page as one subquery, so teasers add no query each.

    django_comments' base table holds every comment (xtd's model extends it); object_pk is
    text, so the page key is cast to match.
    """
    from django_comments.models import Comment

    published = (
        Comment.objects.filter(
            content_type=OuterRef("content_type"),
            object_pk=Cast(OuterRef("pk"), CharField()),
            is_public=True,
            is_removed=False,
        )
        .order_by()
        .values("object_pk")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(published, output_field=IntegerField()), 0)


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
