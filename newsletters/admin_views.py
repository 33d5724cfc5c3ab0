"""The Newsletters admin: issues (snippets with revisions and preview), their Send page,
and the lists with their counts."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from newsletters import sending
from newsletters.models import Delivery, MailingList, NewsletterIssue, Send, Subscription

SEND_PERMISSION = "newsletters.change_newsletterissue"


def with_delivery_counts(issues):
    """Issues with sent / refused / unsubscribed counts from their deliveries."""
    status = "send__deliveries__status"
    return issues.annotate(
        sent_count=Count("send__deliveries", filter=Q(**{status: Delivery.SENT})),
        failed_count=Count("send__deliveries", filter=Q(**{status: Delivery.FAILED})),
        unsubscribed_count=Count(
            "send__deliveries", filter=Q(send__deliveries__unsubscribed_at__isnull=False)
        ),
        waiting_count=Count(
            "send__deliveries", filter=Q(**{f"{status}__in": Delivery.IN_PROGRESS})
        ),
    )


class IssueIndexView(IndexView):
    """Issues, newest first, with their state and delivery counts."""

    def get_base_queryset(self):
        return with_delivery_counts(super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(SEND_PERMISSION):
            url = reverse("wagtailsnippets_newsletters_newsletterissue:send", args=[instance.pk])
            buttons.insert(0, Button("Send…", url=url, icon_name="mail", priority=1))
        return buttons


class SendForm(forms.Form):
    send_at = forms.DateTimeField(
        label="Send at", required=False, widget=AdminDateTimeInput, help_text="Your local time."
    )


class SendIssueView(WagtailAdminTemplateMixin, TemplateView):
    """Send a test to yourself, schedule, send now, or cancel a schedule."""

    template_name = "newsletters/admin/send.html"
    header_icon = "mail"

    def dispatch(self, request, pk):
        if not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        self.issue = get_object_or_404(with_delivery_counts(NewsletterIssue.objects.all()), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return f"Send “{self.issue.subject}”"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_newsletters_newsletterissue:list"), "label": "Issues"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        briefing = MailingList.objects.briefing()
        return {
            **context,
            "issue": self.issue,
            "form": form or SendForm(initial={"send_at": self.issue.send_at}),
            "recipients": Subscription.objects.active().filter(mailing_list=briefing).count(),
            "edit_url": reverse(
                "wagtailsnippets_newsletters_newsletterissue:edit", args=[self.issue.pk]
            ),
        }

    def post(self, request, pk):
        issue = self.issue
        action = request.POST.get("action")
        if action == "test":
            if not request.user.email:
                messages.error(request, "Your account has no email address: add one in Account.")
            else:
                sending.send_test(issue, request.user.email)
                messages.success(request, f"A test message is on its way to {request.user.email}.")
            return redirect(request.path)
        if not issue.editable_state:
            messages.error(request, "This issue has been sent; it cannot be sent again.")
            return redirect(request.path)
        if action == "cancel":
            NewsletterIssue.objects.filter(pk=issue.pk, status=issue.SCHEDULED).update(
                status=issue.DRAFT, send_at=None
            )
            messages.success(request, "The issue is a draft again: nothing will be sent.")
            return redirect(request.path)
        form = SendForm(request.POST)
        if action not in ("now", "schedule") or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        when = timezone.now() if action == "now" else form.cleaned_data["send_at"]
        if when is None or (action == "schedule" and when <= timezone.now()):
            form.add_error("send_at", "Choose a time in the future, or press Send now.")
            return self.render_to_response(self.get_context_data(form=form), status=400)
        NewsletterIssue.objects.filter(
            pk=issue.pk, status__in=[issue.DRAFT, issue.SCHEDULED]
        ).update(status=issue.SCHEDULED, send_at=when)
        if action == "now":
            messages.success(
                request, "Sending starts within a minute (send_newsletters runs every minute)."
            )
        else:
            local = timezone.localtime(when)
            messages.success(request, f"Scheduled for {local:%d/%m/%Y %H:%M}.")
        return redirect(request.path)


def _count(name):
    return lambda issue: getattr(issue, name, 0)


class NewsletterIssueViewSet(SnippetViewSet):
    """Issues of the daily briefing."""

    model = NewsletterIssue
    icon = "mail"
    menu_label = "Issues"
    index_view_class = IssueIndexView
    list_filter = ["status"]
    search_fields = ["subject"]
    copy_view_enabled = True

    @cached_property
    def list_display(self):
        return [
            "subject",
            Column("status", label="State", accessor="get_status_display"),
            DateColumn("send_at", label="Send at"),
            Column("sent", label="Sent", accessor=_count("sent_count")),
            Column("failed", label="Refused", accessor=_count("failed_count")),
            Column("unsubscribed", label="Unsubscribed", accessor=_count("unsubscribed_count")),
        ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send/<int:pk>/", SendIssueView.as_view(), name="send"),
        ]


class ListsView(WagtailAdminTemplateMixin, TemplateView):
    """Each list: active subscribers, unsubscribed (and why), what was last sent."""

    template_name = "newsletters/admin/lists.html"
    page_title = "Newsletter lists"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        confirmed = Q(subscriptions__subscriber__confirmed_at__isnull=False)
        ended = Q(subscriptions__unsubscribed_at__isnull=False)
        lists = MailingList.objects.in_order().annotate(
            active=Count("subscriptions", filter=confirmed & ~ended),
            unsubscribed=Count("subscriptions", filter=ended),
            by_failures=Count(
                "subscriptions", filter=ended & Q(subscriptions__ended_by=Subscription.BY_FAILURES)
            ),
            last_sent=Max("sends__created"),
        )
        sends = with_send_counts().select_related("mailing_list__topic").order_by("-created")[:20]
        return {**super().get_context_data(**kwargs), "lists": lists, "sends": sends}


def with_send_counts():
    return Send.objects.annotate(
        sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.SENT)),
        failed_count=Count("deliveries", filter=Q(deliveries__status=Delivery.FAILED)),
        unsubscribed_count=Count("deliveries", filter=Q(deliveries__unsubscribed_at__isnull=False)),
        total=Count("deliveries"),
    )


class ListsViewSet(ViewSet):
    name = "newsletter_lists"
    icon = "group"
    menu_label = "Lists and sends"

    def get_urlpatterns(self):
        return [path("", ListsView.as_view(), name="index")]


class NewslettersMenu(ViewSetGroup):
    """Newsletters in the admin menu: Issues, Lists and sends."""

    menu_label = "Newsletters"
    menu_icon = "mail"
    menu_order = 250
    items = (NewsletterIssueViewSet, ListsViewSet)
