"""Approve, remove and restore comments, one or many at a time (Wagtail bulk actions).

The row buttons on the listing link here with a single id, so one comment and fifty go
through the same confirmation page and the same logged action.
"""

from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from comments import actions
from comments.keys import as_key
from comments.wagtail_admin.filters import CommentFilterSet
from comments.wagtail_admin.queries import XtdComment, moderation_queryset


class NoteForm(forms.Form):
    """An optional reason, kept in the moderation log with the action."""

    note = forms.CharField(
        label="Note for the moderation log (optional)", required=False, max_length=255
    )


class CommentBulkAction(PermissionCheckedMixin, BulkAction):
    """Shared plumbing: moderators only, a note field, one log entry per comment."""

    models = [XtdComment]
    permission_required = "change"
    form_class = NoteForm
    template_name = "comments/admin/confirm_bulk_action.html"
    perform = None  # one of comments.actions
    past_tense = ""

    @classmethod
    def applies_to(cls, comment):
        return True

    @classmethod
    def get_queryset(cls, model, object_ids):
        return super().get_queryset(model, [key for key in map(as_key, object_ids) if key])

    def get_all_objects_in_listing_query(self, parent_id):
        listing = CommentFilterSet(self.request.GET, queryset=moderation_queryset()).qs
        return listing.values_list("pk", flat=True)

    def get_execution_context(self):
        return {"user": self.request.user, "note": self.cleaned_form.cleaned_data["note"]}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    @classmethod
    def execute_action(cls, objects, user=None, note="", **kwargs):
        done = 0
        for comment in objects:
            if cls.applies_to(comment):
                cls.perform(comment, user, note)
                done += 1
        return done, 0

    @property
    def confirm_text(self):
        return f"Yes, {self.display_name.lower()}"

    def get_success_message(self, num_parent_objects, num_child_objects):
        noun = "comment" if num_parent_objects == 1 else "comments"
        return f"{num_parent_objects} {noun} {self.past_tense}."

    @classmethod
    def url_for(cls, comment, next_url):
        url = reverse(
            "wagtail_bulk_action",
            args=[XtdComment._meta.app_label, XtdComment._meta.model_name, cls.action_type],
        )
        return f"{url}?{urlencode({'id': comment.pk, 'next': next_url})}"


class ApproveBulkAction(CommentBulkAction):
    """Publish comments and dismiss their reports."""

    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected comments"
    action_priority = 10
    perform = staticmethod(actions.approve)
    past_tense = "approved"


class RemoveBulkAction(CommentBulkAction):
    """Take comments down."""

    display_name = "Remove"
    action_type = "remove"
    aria_label = "Remove the selected comments"
    action_priority = 20
    perform = staticmethod(actions.remove)
    past_tense = "removed"

    @classmethod
    def applies_to(cls, comment):
        return not comment.is_removed


class RestoreBulkAction(CommentBulkAction):
    """Undo removals."""

    display_name = "Restore"
    action_type = "restore"
    aria_label = "Restore the selected comments"
    action_priority = 30
    perform = staticmethod(actions.restore)
    past_tense = "restored"

    @classmethod
    def applies_to(cls, comment):
        return comment.is_removed


BULK_ACTIONS = [ApproveBulkAction, RemoveBulkAction, RestoreBulkAction]
