"""The most-discussed stories in a topic, when the site has comments.

Comments are optional (django-contrib-comments / django-comments-xtd): without them the
block is simply not shown, and nothing here imports them unless they are installed.
"""

from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count
from django.db.models.functions import Cast
from django.utils import timezone

from cms.kinds import content_models
from search.queries import pages_in_order
from search.sources import indexable_pages

WINDOW_DAYS = 30


def comment_model():
    """The comment model in use, or None when the site has no comments."""
    if not apps.is_installed("django_comments"):
        return None
    import django_comments  # here: a site without comments does not have the package

    return django_comments.get_model()


def most_commented(topic, limit=5, exclude=(), days=WINDOW_DAYS):
    """[(page, comment count)] for the topic's most-commented items of the last `days`."""
    comments = comment_model()
    if comments is None:
        return []
    pages = indexable_pages().filter(topics=topic).exclude(pk__in=exclude)
    page_keys = pages.order_by().annotate(key=Cast("pk", CharField())).values("key")
    content_types = ContentType.objects.get_for_models(*content_models()).values()
    rows = (
        comments.objects.filter(
            content_type__in=content_types,
            object_pk__in=page_keys,
            is_public=True,
            is_removed=False,
            submit_date__gte=timezone.now() - timedelta(days=days),
        )
        .values("object_pk")
        .annotate(n=Count("pk"))
        .order_by("-n", "object_pk")[:limit]
    )
    counts = {int(row["object_pk"]): row["n"] for row in rows}
    return [(page, counts[page.pk]) for page in pages_in_order(list(counts))]
