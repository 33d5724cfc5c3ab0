"""Admin registrations: topics and authors as snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import integrity_admin  # noqa: F401  (registers the trust and accessibility hooks)
from cms.models import Author, Topic


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


register_snippet(TopicViewSet)
register_snippet(AuthorViewSet)
