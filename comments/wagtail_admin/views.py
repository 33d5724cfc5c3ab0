"""The Comments menu: a filterable comment listing, a comment's detail, the moderation log."""

from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks_filter
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button, HeaderButton

from cms.planning import PANEL_ITEMS, NewsroomPanel, PlannedItem
from comments import keys  # noqa: F401 (registers the <comment_key:…> converter)
from comments.models import ModerationEvent
from comments.wagtail_admin.bulk_actions import BULK_ACTIONS
from comments.wagtail_admin.filters import CommentFilterSet, ModerationEventFilterSet
from comments.wagtail_admin.permissions import moderate_permission
from comments.wagtail_admin.queries import (
    PENDING,
    STATE_FILTERS,
    XtdComment,
    moderation_queryset,
    state_label,
)


def _item_link(comment):
    page = comment.content_object
    if page is None:
        return "(item deleted)"
    listing = reverse("reader_comments:index") + f"?item={page.pk}"
    return format_html('<a href="{}" title="Comments on this item">{}</a>', listing, page.title)


def _state(comment):
    label = state_label(comment)
    reports = getattr(comment, "open_reports", 0)
    if reports:
        label += f" · {reports} report{'s' if reports != 1 else ''}"
    return label


def _excerpt(text, length=90):
    return Truncator(text).chars(length) or "(no text)"


def actor_display(event):
    """Who acted, as colleagues know them: the full name, else the user name, else System."""
    actor = event.actor
    return (actor.get_full_name() if actor else "") or event.actor_name


def _action_buttons(comment, next_url, button_class=Button):
    return [
        button_class(action.display_name, url=action.url_for(comment, next_url), priority=i)
        for i, action in enumerate(BULK_ACTIONS)
        if action.applies_to(comment)
    ]


class CommentIndexView(IndexView):
    """All comments, newest first, filterable by item, date and state, searchable."""

    default_ordering = "-submit_date"
    page_title = "Reader comments"
    search_fields = ["comment", "user_name", "user_email"]
    search_backend_name = None
    filterset_class = CommentFilterSet
    template_name = "comments/admin/index.html"

    def get_base_queryset(self):
        return moderation_queryset()

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            title_column(
                "comment",
                label="Comment",
                accessor=lambda c: _excerpt(c.comment),
                get_url=self.get_inspect_url,
                get_title_id=lambda c: f"comment_{c.pk}_title",
            ),
            Column("user_name", label="Name", sort_key="user_name"),
            Column("user_email", label="Email"),
            Column("item", label="Item", accessor=_item_link),
            DateColumn("submit_date", label="Submitted", sort_key="submit_date"),
            Column("state", label="State", accessor=_state),
        ]

    @cached_property
    def listing_url(self):
        """The full listing with this request's filters, search and page.

        Filtering or searching reloads only the results/ fragment, so the request's own
        path would send a moderator back to a bare fragment with no menu or message.
        """
        query = self.request.GET.urlencode()
        return f"{self.index_url}?{query}" if query else self.index_url

    def get_list_more_buttons(self, instance):
        actions = _action_buttons(instance, self.listing_url)
        return [*actions, *super().get_list_more_buttons(instance)]


class CommentInspectView(InspectView):
    """One comment in full, with its reports, its moderation history and the actions."""

    template_name = "comments/admin/inspect.html"
    page_title = "Comment"
    labels = {
        "comment": "Comment",
        "user_name": "Name",
        "user_email": "Email address",
        "ip_address": "IP address",
        "submit_date": "Submitted",
        "followup": "Wants emails about new comments on the item",
    }

    def get_field_label(self, field_name, field):
        return self.labels.get(field_name) or super().get_field_label(field_name, field)

    def get_comment_display_value(self):
        return linebreaks_filter(self.object.comment) or "(no text)"

    def get_ip_address_display_value(self):
        # Addresses are cleared after COMMENTS_IP_RETENTION_DAYS (or never recorded).
        return self.object.ip_address or "Not kept"

    def get_followup_display_value(self):
        return "Yes" if self.object.followup else "No"

    def get_object(self, queryset=None):
        return get_object_or_404(moderation_queryset(), pk=self.pk)

    def get_page_subtitle(self):
        return f"Comment {self.object.pk} by {self.object.user_name}"

    @cached_property
    def header_more_buttons(self):
        return _action_buttons(self.object, self.request.get_full_path(), HeaderButton)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.object
        context.update(
            item=comment.content_object,
            state=_state(comment),
            reports=comment.reader_flags.all(),
            events=[
                (event, actor_display(event))
                for event in comment.moderation_events.select_related("actor")
            ],
        )
        return context


class ListingOnlyViewSet(ModelViewSet):
    """A model viewset with its listing only: nothing here is added, edited or deleted."""

    copy_view_enabled = False
    add_to_reference_index = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )


class CommentViewSet(ListingOnlyViewSet):
    """Reader comments, for moderators: no adding, editing or deleting here."""

    model = XtdComment
    name = "reader_comments"
    url_prefix = "reader-comments"
    icon = "comment"
    menu_label = "Comments"
    menu_order = 100
    index_view_class = CommentIndexView
    inspect_view_class = CommentInspectView
    inspect_view_enabled = True
    inspect_view_fields = list(CommentInspectView.labels)

    def get_urlpatterns(self):
        inspect = path("<comment_key:pk>/", self.inspect_view, name="inspect")
        return [*super().get_urlpatterns(), inspect]

    def get_permissions_to_register(self):
        return moderate_permission()


class ModerationLogIndexView(IndexView):
    """Every moderation action, newest first."""

    default_ordering = "-created"
    page_title = "Moderation log"
    filterset_class = ModerationEventFilterSet

    def get_base_queryset(self):
        return ModerationEvent.objects.select_related("comment", "actor")

    @cached_property
    def columns(self):
        return [
            DateColumn("created", label="When", sort_key="created"),
            Column("actor_name", label="By", accessor=actor_display, sort_key="actor_name"),
            Column("action", label="Action", accessor="get_action_display"),
            Column("comment", label="Comment", accessor=self._comment_link),
            Column("note", label="Note"),
        ]

    def _comment_link(self, event):
        comment = event.comment
        if comment is None:
            return f"Comment {event.comment_number} (deleted)"
        url = reverse("reader_comments:inspect", args=[comment.pk])
        return format_html(
            '<a href="{}">“{}”</a> by {}', url, _excerpt(comment.comment, 60), comment.user_name
        )


class ModerationLogViewSet(ListingOnlyViewSet):
    """The moderation log: read-only."""

    model = ModerationEvent
    name = "comment_moderation_log"
    url_prefix = "comment-moderation-log"
    icon = "history"
    menu_label = "Moderation log"
    menu_order = 110
    index_view_class = ModerationLogIndexView

    def get_permissions_to_register(self):
        return moderate_permission().none()


class CommentsMenu(ModelViewSetGroup):
    """The "Reader comments" admin menu (the page editor's own comments are Wagtail's
    notes between colleagues, never shown to readers)."""

    menu_label = "Reader comments"
    menu_icon = "comment"
    menu_order = 250
    items = (CommentViewSet, ModerationLogViewSet)


def comments_waiting_panel():
    """The dashboard's "Comments waiting for review", with a count and the oldest few."""
    waiting = XtdComment.objects.filter(STATE_FILTERS[PENDING]).order_by("submit_date")
    items = [
        PlannedItem(
            c.submit_date,
            "Sent",
            f"{c.user_name}: {_excerpt(c.comment, 60)}",
            reverse("reader_comments:inspect", args=[c.pk]),
        )
        for c in waiting[:PANEL_ITEMS]
    ]
    listing = reverse("reader_comments:index") + f"?state={PENDING}"
    return NewsroomPanel("Comments waiting for review", items, waiting.count(), listing, 93)
