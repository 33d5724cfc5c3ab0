"""The ways of publishing that bypass the page editor's form, held to the same checks.

Bulk "Publish" in the page listing skips (and names, with the reason) each page the publish
checks refuse, including unpublished subpages it was asked to publish too, and publishes
the rest. Approving a review task from the dashboard or the review modal is refused with
the same message. Both call cms.publish_checks.publish_refusal, where the rules live.

Registered from cms/wagtail_hooks.py: the bulk action replaces Wagtail's own (same action
type, registered after it), the viewset gives content pages our workflow action view.
"""

from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from cms.models import ContentPage
from cms.publish_checks import publish_refusal


def split_by_checks(pages, verb="published"):
    """(pages that may be published, [(page, why not)] for the others)."""
    allowed, refused = [], []
    for page in pages:
        refusal = publish_refusal(page, verb)
        if refusal:
            refused.append((page, refusal))
        else:
            allowed.append(page)
    return allowed, refused


class CheckedPublishBulkAction(PublishBulkAction):
    """Wagtail's bulk "Publish", leaving out the pages the publish checks refuse."""

    template_name = "cms/admin/confirm_bulk_publish.html"

    def get_actionable_objects(self):
        # Both the confirmation page (which lists the refused pages) and the action itself.
        objects, extra = super().get_actionable_objects()
        allowed, self.refused = split_by_checks(objects)
        return allowed, {**extra, "items_refused": [why for _page, why in self.refused]}

    def get_execution_context(self):
        return {**super().get_execution_context(), "refused": self.refused}

    @classmethod
    def execute_action(cls, objects, include_descendants=False, user=None, refused=None, **kwargs):
        num_parents, _none = super().execute_action(objects, user=user)
        num_children = 0
        if include_descendants:
            # Wagtail's own loop over the drafts below would publish them unchecked.
            drafts = [
                draft
                for page in objects
                for draft in page.get_descendants().not_live().specific().iterator()
                if user is None or draft.permissions_for_user(user).can_publish()
            ]
            allowed, skipped = split_by_checks(drafts)
            if refused is not None:
                refused.extend(skipped)
            num_children, _none = super().execute_action(allowed, user=user)
        return num_parents, num_children

    def get_success_message(self, num_parent_objects, num_child_objects):
        for page, why in self.refused:
            messages.error(self.request, why, buttons=[edit_button(page)])
        if not (num_parent_objects or num_child_objects):
            return None
        return super().get_success_message(num_parent_objects, num_child_objects)


def edit_button(page):
    return messages.button(reverse("wagtailadmin_pages:edit", args=(page.pk,)), "Edit")


class CheckedWorkflowActionView(WorkflowActionView):
    """A review task's actions outside the editor: "Approve" waits for the publish checks."""

    def post(self, request, *args, **kwargs):
        if self.action_name == "approve":
            refusal = publish_refusal(self.object, "approved")
            if refusal:
                messages.error(request, refusal, buttons=[edit_button(self.object)])
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_json(
                        request, {"step": "success", "redirect": self.redirect_url}
                    )
                return redirect(self.redirect_url)
        return super().post(request, *args, **kwargs)


class ContentPageViewSet(PageViewSet):
    """Wagtail's page views for articles, columns and videos, with the checked approval."""

    model = ContentPage
    workflow_action_view_class = CheckedWorkflowActionView
