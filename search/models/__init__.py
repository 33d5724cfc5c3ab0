"""Search models: focus pages, the search outbox and editor-managed synonyms."""

from search.models.focus import FocusIndexPage, FocusPage, FocusPinnedItem
from search.models.outbox import IndexChange, VersionClock
from search.models.synonyms import SearchSynonym

__all__ = [
    "FocusIndexPage",
    "FocusPage",
    "FocusPinnedItem",
    "IndexChange",
    "SearchSynonym",
    "VersionClock",
]
