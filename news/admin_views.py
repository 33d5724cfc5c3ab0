"""The Corrections area of the admin: append, inspect, and withdraw with a reason.

Corrections are never edited or deleted (not even by superusers): a wrong correction is
withdrawn, with a reason, by someone holding "Can remove a correction" (the Editors group),
and a new one appended. Adding one is a publishing act: it needs "Can add correction",
which Editors have and Writers do not.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from news.corrections import add_correction, remove_correction
from news.models import Correction

REMOVE_PERMISSION = "news.remove_correction"


class CorrectionPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody may edit or delete a correction."""

    FORBIDDEN = {"change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - self.FORBIDDEN)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.FORBIDDEN)


def can_remove(user):
    return user.has_perm(REMOVE_PERMISSION)


class CorrectionIndexView(IndexView):
    """Every correction, newest first, with a "Remove" action for editors."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if not instance.is_removed and can_remove(self.request.user):
            url = reverse("corrections_admin:remove", args=[instance.pk])
            buttons.append(Button("Remove", url=url, icon_name="bin", priority=30))
        return buttons


class CorrectionCreateView(CreateView):
    """Append a correction; ?page=<id> preselects the item (from the page's header)."""

    def get_initial(self):
        initial = super().get_initial()
        page_id = self.request.GET.get("page", "")
        if page_id.isascii() and page_id.isdigit():
            initial["page"] = int(page_id)
        return initial

    def save_instance(self):
        return add_correction(self.form.instance, self.request.user)

    def get_success_message(self, instance):
        return f"{instance} added. Readers see it now."

    def get_success_buttons(self):
        return []


class RemovalForm(forms.Form):
    """Why the correction is withdrawn: kept with it and in the page's history."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=10,
        max_length=1000,
        help_text="Recorded in the page's history, e.g. “Added to the wrong story”.",
    )


class CorrectionRemoveView(WagtailAdminTemplateMixin, FormView):
    """Withdraw a correction: only with the remove permission, and only with a reason."""

    form_class = RemovalForm
    template_name = "news/admin/remove_correction.html"
    page_title = "Remove correction"
    header_icon = "bin"

    def dispatch(self, request, pk):
        if not can_remove(request.user):
            raise PermissionDenied
        self.correction = get_object_or_404(Correction.objects.select_related("page"), pk=pk)
        if self.correction.is_removed:
            messages.error(request, "That correction has already been removed.")
            return redirect("corrections_admin:index")
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.correction)

    def get_context_data(self, **kwargs):
        return super().get_context_data(correction=self.correction, **kwargs)

    def form_valid(self, form):
        remove_correction(self.correction, self.request.user, form.cleaned_data["reason"])
        messages.success(self.request, f"{self.correction} removed. The reason is logged.")
        return redirect("corrections_admin:index")
