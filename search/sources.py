"""Where search documents come from: live pages read in batches, with their URLs."""

from collections import defaultdict
from itertools import islice

from wagtail.models import Page, Site

from cms.kinds import content_models
from cms.models import ContentAuthor, ContentPage
from cms.privacy import without_private
from cms.searchable import own_text_fields


def indexable_pages():
    """Pages readers can find: live and not behind a privacy restriction."""
    return without_private(ContentPage.objects.live())


class PageUrls:
    """Page URLs from url_path, without a query per page.

    Relative to the default site (as `pageurl` renders them); absolute for other sites.
    """

    def __init__(self):
        self.roots = Site.get_site_root_paths()  # most specific root path first
        self.default_site_id = (
            Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        )

    def __call__(self, url_path):
        for root in self.roots:
            if url_path.startswith(root.root_path):
                path = url_path[len(root.root_path) - 1 :]
                return path if root.site_id == self.default_site_id else root.root_url + path
        return None


def _own_texts(ids):
    """{page id: [values of its page type's own text fields]} for the pages in `ids`."""
    texts = {}
    for model in content_models():
        fields = own_text_fields(model)
        if fields:
            for pk, *values in model.objects.filter(pk__in=ids).values_list("pk", *fields):
                texts[pk] = values
    return texts


def batches(iterable, size):
    """Lists of up to `size` items from `iterable`."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _topics_by_page(ids):
    rows = (
        ContentPage.topics.through.objects.filter(contentpage_id__in=ids)
        .order_by("topic__name")
        .values_list("contentpage_id", "topic__slug", "topic__name")
    )
    found = defaultdict(list)
    for page_id, slug, name in rows:
        found[page_id].append({"slug": slug, "name": name})
    return found


def _authors_by_page(ids):
    rows = (
        ContentAuthor.objects.filter(page_id__in=ids)
        .order_by("sort_order", "pk")
        .values_list("page_id", "author__slug", "author__name")
    )
    found = defaultdict(list)
    for page_id, slug, name in rows:
        found[page_id].append({"slug": slug, "name": name})
    return found


def iter_documents(queryset, batch_size=500):
    """Documents for the pages of `queryset` (ContentPages), `batch_size` pages at a time.

    Reads plain rows rather than page objects, a handful of queries per batch.
    """
    # Imported here, not at the top: documents are Elasticsearch's (elasticsearch_dsl), and
    # the database engine, which uses indexable_pages() above, must not load it.
    from search.documents import PAGE_FIELDS, page_document

    urls = PageUrls()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for batch in batches(ids, batch_size):
        rows = list(ContentPage.objects.filter(pk__in=batch).order_by("pk").values(*PAGE_FIELDS))
        parent_paths = {row["path"][: -Page.steplen] for row in rows}
        sections = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "slug"))
        topics, authors = _topics_by_page(batch), _authors_by_page(batch)
        own = _own_texts(batch)
        for row in rows:
            url = urls(row["url_path"])
            if url is None:  # not under any site: nobody can reach it
                continue
            yield page_document(
                row,
                url=url,
                section=sections.get(row["path"][: -Page.steplen], ""),
                own_texts=own.get(row["pk"], ()),
                topics=topics[row["pk"]],
                authors=authors[row["pk"]],
            )
