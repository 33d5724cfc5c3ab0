"""The newsroom's plan in the admin: what goes live or expires in the next 14 days, what
waits for review and since when; the planning view and the dashboard panels use it.

Kept apart from cms/admin_views.py because it is one idea (the schedule) with its own
queries, view, calendar and dashboard panels, reached from the "Planning" menu item.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, TaskState

HORIZON_DAYS = 14
PANEL_ITEMS = 5


@dataclass
class PlannedItem:
    """One thing on the plan: a page going live or expiring, or waiting for review."""

    when: datetime
    what: str  # "Goes live", "Embargo lifts", "Expires", "Awaiting review"
    title: str
    edit_url: str
    by: str = ""


def _edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "System"


def _going_live(revision):
    """ "Embargo lifts" when the embargo set this go-live time (IntegrityFields holds an
    embargoed item back until then), else "Goes live"."""
    embargo = parse_datetime(revision.content.get("embargo_until") or "")
    # Revision JSON keeps milliseconds only, so "the same time" is to within a second.
    lifts = embargo and abs(embargo - revision.approved_go_live_at) < timedelta(seconds=1)
    return "Embargo lifts" if lifts else "Goes live"


def scheduled(now, days=HORIZON_DAYS):
    """Approved go-live times and expiries of live pages within the next `days` days."""
    until = now + timedelta(days=days)
    items = [
        PlannedItem(
            rev.approved_go_live_at,
            _going_live(rev),
            rev.object_str,
            _edit_url(rev.object_id),
            _name(rev.user),
        )
        for rev in Revision.page_revisions.filter(approved_go_live_at__range=(now, until))
        .select_related("user")
        .order_by("approved_go_live_at")
    ]
    items += [
        PlannedItem(page.expire_at, "Expires", page.title, _edit_url(page.pk))
        for page in Page.objects.filter(live=True, expire_at__range=(now, until)).only(
            "pk", "title", "expire_at"
        )
    ]
    return sorted(items, key=lambda item: item.when)


def awaiting_review(user=None):
    """Pages in a workflow task, longest-waiting first; only those `user` may review if given."""
    states = TaskState.objects.reviewable_by(user) if user else TaskState.objects.all()
    states = (
        states.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            revision__base_content_type=ContentType.objects.get_for_model(Page),
        )
        .select_related("revision", "revision__user")
        .order_by("started_at")
    )
    return [
        PlannedItem(
            state.started_at,
            "Awaiting review",
            state.revision.object_str,
            _edit_url(state.revision.object_id),
            _name(state.revision.user),
        )
        for state in states
    ]


def my_drafts(user):
    """Pages the user owns or last edited that have changes readers cannot see yet."""
    return Page.objects.filter(
        Q(owner=user) | Q(latest_revision__user=user), has_unpublished_changes=True
    ).order_by("-latest_revision_created_at")


def week_calendar(items, start, days=HORIZON_DAYS):
    """Weeks (Monday first) of (day, items that day) covering `days` days from `start`."""
    monday = start - timedelta(days=start.weekday())
    end = start + timedelta(days=days)
    by_day = {}
    for item in items:
        by_day.setdefault(timezone.localtime(item.when).date(), []).append(item)
    weeks, day = [], monday
    while day <= end:
        weeks.append([(day + timedelta(d), by_day.get(day + timedelta(d), [])) for d in range(7)])
        day += timedelta(days=7)
    return weeks


class PlanningView(TemplateView):
    """The next 14 days as a list and a week calendar, and what waits for review."""

    template_name = "cms/admin/planning.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        upcoming = scheduled(now)
        today: date = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "page_title": "Planning",
            "horizon_days": HORIZON_DAYS,
            "upcoming": upcoming,
            "weeks": week_calendar(upcoming, today),
            "today": today,
            "weekdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            "reviews": awaiting_review(),
            "now": now,
        }


class NewsroomPanel(Component):
    """A dashboard panel: a heading with a count, the first few items and a link to all."""

    template_name = "cms/admin/dashboard_panel.html"

    def __init__(self, heading, items, count, more_url, order):
        self.heading, self.items, self.count = heading, items, count
        self.more_url, self.order = more_url, order

    def get_context_data(self, parent_context):
        return {"panel": self}


def newsroom_panels(request):
    """The dashboard's "My drafts", "Awaiting my review" and "Scheduled", with counts."""
    user = request.user
    drafts = my_drafts(user)
    reviews = awaiting_review(user)
    upcoming = scheduled(timezone.now())
    planning = reverse("cms_planning")
    return [
        NewsroomPanel(
            "My drafts",
            [
                PlannedItem(p.latest_revision_created_at, "Draft", p.draft_title, _edit_url(p.pk))
                for p in drafts[:PANEL_ITEMS]
            ],
            drafts.count(),
            None,
            90,
        ),
        NewsroomPanel("Awaiting my review", reviews[:PANEL_ITEMS], len(reviews), planning, 91),
        NewsroomPanel("Scheduled", upcoming[:PANEL_ITEMS], len(upcoming), planning, 92),
    ]


urlpatterns = [path("planning/", PlanningView.as_view(), name="cms_planning")]
