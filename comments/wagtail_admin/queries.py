"""The comment listing query for the admin, and the states moderators filter by."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django_comments_xtd import get_model

from comments.models import ReaderFlag

XtdComment = get_model()

PENDING, REPORTED, PUBLISHED, REMOVED = "pending", "reported", "published", "removed"
STATE_CHOICES = [
    (PENDING, "Waiting for review"),
    (REPORTED, "Reported by readers"),
    (PUBLISHED, "Published"),
    (REMOVED, "Removed"),
]
STATE_FILTERS = {
    PENDING: Q(is_public=False, is_removed=False),
    REPORTED: Q(open_reports__gt=0, is_removed=False),
    PUBLISHED: Q(is_public=True, is_removed=False),
    REMOVED: Q(is_removed=True),
}


def moderation_queryset():
    """Every comment with its count of unreviewed reader reports and its item."""
    reports = (
        ReaderFlag.objects.filter(comment=OuterRef("pk"), reviewed=False)
        .order_by()
        .values("comment")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        XtdComment.objects.select_related("user", "content_type")
        .prefetch_related("content_object")
        .annotate(open_reports=Coalesce(Subquery(reports, output_field=IntegerField()), 0))
    )


def state_label(comment):
    if comment.is_removed:
        return "Removed"
    if not comment.is_public:
        return "Waiting for review"
    return "Published"
