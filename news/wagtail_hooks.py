"""Admin: the Corrections area, its log actions, and "Add correction" on live items."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from cms.models import ContentPage
from news import admin_views
from news.corrections import ADDED, REMOVED
from news.models import Correction

register_permission_policy(Correction, admin_views.CorrectionPermissionPolicy(Correction))


class CorrectionViewSet(ModelViewSet):
    """Corrections and clarifications: appended, inspected, withdrawn; never edited."""

    model = Correction
    icon = "warning"
    menu_label = "Corrections"
    menu_order = 220
    add_to_admin_menu = True
    name = "corrections_admin"
    url_prefix = "corrections"
    index_view_class = admin_views.CorrectionIndexView
    add_view_class = admin_views.CorrectionCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["page", "kind", "published_at", "removed_at"]
    list_filter = ["kind"]
    inspect_view_fields = [
        "page",
        "kind",
        "wrong",
        "right",
        "published_at",
        "created_at",
        "created_by",
        "removed_at",
        "removed_by",
        "removal_reason",
    ]

    def get_urlpatterns(self):
        remove = admin_views.CorrectionRemoveView.as_view()
        return super().get_urlpatterns() + [path("remove/<int:pk>/", remove, name="remove")]


corrections_viewset = CorrectionViewSet()


@hooks.register("register_admin_viewset")
def register_corrections():
    return corrections_viewset


class CorrectionAdded(LogFormatter):
    """History line for an appended correction, with what readers were told."""

    label = "Add correction"

    def format_message(self, log_entry):
        return f"{log_entry.data.get('kind', 'correction').capitalize()} added"

    def format_comment(self, log_entry):
        return log_entry.data.get("text", "")


class CorrectionRemoved(CorrectionAdded):
    """History line for a withdrawn correction, with the editor's reason."""

    label = "Remove correction"

    def format_message(self, log_entry):
        return f"{log_entry.data.get('kind', 'correction').capitalize()} removed"

    def format_comment(self, log_entry):
        return f"Reason: {log_entry.data.get('reason', '')}"


@hooks.register("register_log_actions")
def correction_log_actions(actions):
    actions.register_action(ADDED)(CorrectionAdded)
    actions.register_action(REMOVED)(CorrectionRemoved)


@hooks.register("register_page_header_buttons")
def add_correction_button(page, user, view_name, next_url=None):
    if not (isinstance(page.specific_deferred, ContentPage) and page.live):
        return
    if not user.has_perm("news.add_correction"):
        return
    url = reverse("corrections_admin:add") + f"?page={page.pk}"
    yield HeaderButton("Add correction", url=url, icon_name="warning", priority=62)
