"""The quick-entry form: live entries as a snippet, reached from the live page's header."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from live.models import LiveEntry, LivePage


class QuickEntryCreateView(CreateView):
    """ "Add live entry" with the page already chosen (`?page=<id>`); after saving, the
    form opens again for the next entry on the same page."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        page_id = self.request.GET.get("page", "")
        if page_id.isascii() and page_id.isdigit() and len(page_id) < 10:
            page = LivePage.objects.filter(pk=int(page_id)).first()
            if page is not None:
                instance.page = page
        return instance

    def get_success_url(self):
        return f"{reverse(self.add_url_name)}?page={self.object.page_id}"


class LiveEntryViewSet(SnippetViewSet):
    """Live entries: posted at once, no page revision or workflow per entry."""

    model = LiveEntry
    icon = "time"
    menu_label = "Live entries"
    menu_order = 190
    add_to_admin_menu = True
    add_view_class = QuickEntryCreateView
    list_display = [
        "title",
        "page",
        "posted_at",
        "author",
        "is_key_event",
        "is_pinned",
        "withdrawn",
    ]
    list_filter = ["page", "is_key_event", "is_pinned", "withdrawn"]
    search_fields = ["headline"]
    panels = [
        PageChooserPanel("page", "live.LivePage", heading="Live page"),
        FieldPanel("headline"),
        FieldPanel("body", heading="Entry"),
        FieldPanel("author"),
        MultiFieldPanel(
            [FieldPanel("is_key_event"), FieldPanel("is_pinned"), FieldPanel("withdrawn")],
            heading="Flags",
        ),
    ]


register_snippet(LiveEntryViewSet)


@hooks.register("register_page_header_buttons")
def add_live_entry_button(page, user, view_name, next_url=None):
    if page.specific_class is LivePage and user.has_perm("live.add_liveentry"):
        url = reverse("wagtailsnippets_live_liveentry:add")
        yield Button("Add live entry", f"{url}?page={page.pk}", icon_name="plus", priority=5)
