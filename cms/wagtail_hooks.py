"""Admin registrations: topics and authors as snippets, our own admin views."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import (
    integrity_admin,  # noqa: F401  (registers the trust and accessibility hooks)
    planning,
)
from cms.admin_views import chooser_urls
from cms.models import Author, Topic


@hooks.register("after_edit_page")
def say_an_approved_page_is_live(request, page):
    """After "Approve and publish", say the story is live and link to it.

    Wagtail's own message for every edit-view action is "Page '…' has been updated.",
    which leaves an editor unsure whether readers can see the story yet.
    """
    if request.POST.get("workflow-action-name") != "approve":
        return None
    page = page.specific_class.objects.get(pk=page.pk)
    if not page.live or page.has_unpublished_changes:
        return None  # a multi-step workflow may still have tasks to go
    updated = gettext("Page '%(page_title)s' has been updated.") % {
        "page_title": page.get_admin_display_title()
    }
    # Reading the queue empties it; put back everything but Wagtail's "updated".
    kept = [m for m in messages.get_messages(request) if m.message != updated]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    buttons = [admin_messages.button(page.url, "View live", new_window=True)] if page.url else []
    admin_messages.success(request, f"“{page.title}” is approved and live.", buttons=buttons)
    return None


@hooks.register("register_admin_urls")
def register_admin_urls():
    return chooser_urls + planning.urlpatterns


@hooks.register("register_admin_menu_item")
def register_planning_menu_item():
    return MenuItem("Planning", reverse("cms_planning"), icon_name="calendar-alt", order=150)


@hooks.register("construct_homepage_panels")
def add_newsroom_panels(request, panels):
    panels.extend(planning.newsroom_panels(request))


class TopicViewSet(SnippetViewSet):
    """Topics: the taxonomy every page is filed under."""

    model = Topic
    icon = "tag"
    menu_label = "Topics"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AuthorViewSet(SnippetViewSet):
    """Authors, columnists and presenters."""

    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "role", "organisation"]
    search_fields = ["name", "organisation"]
    # Every author fits in one chooser page (the demo has 14; Wagtail shows 10).
    chooser_per_page = 100


register_snippet(TopicViewSet)
register_snippet(AuthorViewSet)
