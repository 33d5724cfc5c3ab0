"""Admin: search synonyms editors maintain under Settings."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    """Synonyms for site search; changes apply to the next search, no deploy needed."""

    model = SearchSynonym
    icon = "search"
    menu_label = "Search synonyms"
    add_to_settings_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms"]


register_snippet(SearchSynonymViewSet)
