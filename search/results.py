"""What ContentSearch returns: a page of results with facets, and a topic's overview."""

from dataclasses import dataclass, field

from search.params import MAX_RESULTS, SORTS, SearchParams


@dataclass
class FacetOption:
    """One value of a facet with its count and the link that toggles it."""

    key: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class SearchResults:
    """A page of results (ContentPages with `search_title` / `search_snippet`), facets,
    a spelling suggestion, and which engine answered."""

    params: SearchParams
    pages: list
    total: int
    topics: list = field(default_factory=list)
    kinds: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    suggestion: str = ""
    suggestion_url: str = ""
    engine: str = ""
    notice: str = ""

    @property
    def num_pages(self):
        size = self.params.page_size
        return max(1, -(-min(self.total, MAX_RESULTS) // size))

    @property
    def number(self):
        """The page shown (named as Django's Page names it, for the pagination template)."""
        return self.params.page

    @property
    def has_previous(self):
        return self.params.page > 1

    @property
    def has_next(self):
        return self.params.page < self.num_pages

    @property
    def first_index(self):
        return (self.params.page - 1) * self.params.page_size + 1

    @property
    def last_index(self):
        return self.first_index + len(self.pages) - 1

    def page_url(self, number):
        return "?" + self.params.query_string(page=number if number > 1 else None)

    @property
    def previous_url(self):
        return self.page_url(self.params.page - 1)

    @property
    def next_url(self):
        return self.page_url(self.params.page + 1)

    @property
    def clear_filters_url(self):
        cleared = {"topic": None, "type": None, "date": None, "from": None, "to": None}
        return "?" + self.params.query_string(**cleared, page=None)

    @property
    def active_filters(self):
        """[(label, url that removes it)] for every filter in use."""
        chosen = [(option.label, option.url) for option in self.topics if option.selected]
        chosen += [
            (option.label, option.url) for option in self.kinds + self.dates if option.selected
        ]
        params = self.params
        if params.date_from:
            label = f"From {params.date_from:%-d %B %Y}"
            chosen.append((label, "?" + params.query_string(**{"from": None, "page": None})))
        if params.date_to:
            label = f"To {params.date_to:%-d %B %Y}"
            chosen.append((label, "?" + params.query_string(to=None, page=None)))
        return chosen

    @property
    def sort_options(self):
        return [
            FacetOption(
                key,
                label,
                0,
                key == self.params.order,
                "?" + self.params.query_string(sort=key, page=None),
            )
            for key, label in SORTS.items()
        ]


@dataclass
class TopicOverview:
    """The engine-driven blocks of a focus page."""

    latest: list
    total: int
    related_topics: list  # [(Topic, count)]
    leading_authors: list  # [(Author, count)]
    engine: str = ""
