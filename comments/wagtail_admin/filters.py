"""Filters for the comment listing (item, date, state) and the moderation log."""

import django_filters
from django import forms
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets import AdminPageChooser

from cms.models import ContentPage
from comments.models import ModerationEvent
from comments.wagtail_admin.queries import STATE_CHOICES, STATE_FILTERS, XtdComment


class CommentFilterSet(WagtailFilterSet):
    """Narrow the comment listing to one item, a date range or a moderation state."""

    state = django_filters.ChoiceFilter(
        label="State",
        choices=STATE_CHOICES,
        method="filter_state",
        empty_label="All",
        widget=forms.RadioSelect,
    )
    item = django_filters.ModelChoiceFilter(
        label="Item",
        queryset=ContentPage.objects.all(),
        method="filter_item",
        widget=AdminPageChooser(target_models=[ContentPage]),
    )
    submit_date = django_filters.DateFromToRangeFilter(
        label="Submitted", widget=DateRangePickerWidget
    )

    class Meta:
        model = XtdComment
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset.filter(STATE_FILTERS[value]) if value in STATE_FILTERS else queryset

    def filter_item(self, queryset, name, value):
        return queryset.filter(object_pk=str(value.pk)) if value else queryset


class ModerationEventFilterSet(WagtailFilterSet):
    """Narrow the moderation log to one kind of action, a moderator or a date range."""

    action = django_filters.ChoiceFilter(
        label="Action",
        choices=ModerationEvent.ACTION_CHOICES,
        empty_label="All",
        widget=forms.RadioSelect,
    )
    actor_name = django_filters.CharFilter(label="By (user name)", lookup_expr="iexact")
    created = django_filters.DateFromToRangeFilter(label="When", widget=DateRangePickerWidget)

    class Meta:
        model = ModerationEvent
        fields = []
