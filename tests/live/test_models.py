"""Live entries' rules: one pinned entry per page, none added to closed coverage, withdrawn
entries hidden, and the page found by search through its entries' words."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import Page

from cms.models import ContentPage
from cms.searchable import own_text_fields
from live.models import LiveEntry, LivePage
from news.models import NewsIndexPage
from tests import factories
from tests.background.helpers import run_due_tasks

pytestmark = pytest.mark.django_db


def test_a_live_page_lives_under_a_news_section_as_a_content_kind(news_section):
    assert LivePage in NewsIndexPage.allowed_subpage_models()
    assert LivePage.allowed_parent_page_models() == [NewsIndexPage]
    page = factories.make_live_page()
    assert ContentPage.objects.get(pk=page.pk).page_type == "live"
    assert page.kind == "Live"
    # Listed like an article: in the section's listing and the site's.
    assert page.pk in [item.pk for item in news_section.specific.feed_items()]
    assert page.pk in ContentPage.objects.listed().values_list("pk", flat=True)


def test_pinning_an_entry_unpins_the_pages_previous_one(news_section):
    page = factories.make_live_page()
    other = factories.make_live_page()
    first = factories.make_live_entry(page, is_pinned=True)
    elsewhere = factories.make_live_entry(other, is_pinned=True)
    second = factories.make_live_entry(page, is_pinned=True)
    first.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (first.is_pinned, second.is_pinned, elsewhere.is_pinned) == (False, True, True)
    assert LivePage.objects.get(pk=page.pk).pinned_entry == second
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        LiveEntry.objects.filter(pk=first.pk).update(is_pinned=True)


def test_no_entry_can_be_added_to_coverage_that_has_ended(news_section):
    page = factories.make_live_page(coverage_end=factories.days_ago(0))
    assert page.is_closed
    entry = LiveEntry(page=page, body=[{"type": "paragraph", "value": "<p>Late</p>"}])
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert "coverage has ended" in str(refused.value)
    # An entry posted before the end may still be corrected.
    open_page = factories.make_live_page()
    earlier = factories.make_live_entry(open_page, "Before the end")
    open_page.coverage_end = factories.days_ago(0)
    open_page.save_revision().publish()
    earlier.refresh_from_db()
    earlier.headline = "Corrected"
    earlier.full_clean()


def test_withdrawn_entries_are_not_shown_and_key_events_are_listed(news_section):
    page = factories.make_live_page()
    key = factories.make_live_entry(page, "Statement begins", is_key_event=True)
    plain = factories.make_live_entry(page, "Reaction")
    factories.make_live_entry(page, "A mistake", withdrawn=True)
    page = LivePage.objects.get(pk=page.pk)
    assert page.visible_entries == [plain, key]
    assert page.key_events == [key]
    assert page.latest_entry_id == plain.pk


def test_the_page_is_found_by_its_entries_words(news_section):
    page = factories.make_live_page(title="Spending review live")
    assert "entries_text" in own_text_fields(LivePage)  # what both search engines index
    factories.make_live_entry(page, "Pothole fund doubled", headline="Roads")
    withdrawn = factories.make_live_entry(page, "Secret zeppelin", withdrawn=True)
    page = LivePage.objects.get(pk=page.pk)
    assert "Pothole fund doubled" in page.search_body() and "Roads" in page.search_body()
    assert "zeppelin" not in page.search_body()
    run_due_tasks()  # the worker: Wagtail's database search index is updated by a task
    assert list(Page.objects.live().search("pothole")) == [page.page_ptr]
    # Publishing an old revision keeps the current entries' text.
    page.save_revision().publish()
    withdrawn.withdrawn = False
    withdrawn.save()
    assert "zeppelin" in LivePage.objects.get(pk=page.pk).entries_text
