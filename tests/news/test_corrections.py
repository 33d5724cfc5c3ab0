"""Corrections and clarifications: on the item, in JSON-LD, feeds, the API and /corrections/,
appended and withdrawn in the admin with an audit trail."""

import json
from datetime import datetime, timedelta

import feedparser
import pytest
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.models import Page, PageLogEntry

from cms import changes
from cms.models import ContentPage
from news.corrections import ADDED, REMOVED, add_correction, remove_correction
from news.models import Correction
from tests.news.test_feeds import ATOM_SCHEMA, fetch, parse


def correct(page, editor, wrong="It said £12m.", right="It is £1.2m.", **fields):
    return add_correction(Correction(page=page, wrong=wrong, right=right, **fields), editor)


def age(page, days=3):
    """Make the item's last publication days old, so anything that updates it shows."""
    when = timezone.now() - timedelta(days=days)
    Page.objects.filter(pk=page.pk).update(last_published_at=when, first_published_at=when)
    ContentPage.objects.filter(pk=page.pk).update(sort_date=when)


def doc(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return lxml_html.fromstring(response.content)


def json_ld_article(tree):
    for script in tree.xpath("//script[@type='application/ld+json']"):
        data = json.loads(script.text)
        if data["@type"] in ("NewsArticle", "OpinionNewsArticle"):
            return data
    raise AssertionError("no article JSON-LD")


# On the item ----------------------------------------------------------------------------


def test_item_shows_a_corrections_box_and_a_notice_linking_to_it(client, filed_stories, editor):
    tree = doc(client, filed_stories.lead.url)
    assert not tree.xpath("//*[@id='corrections']")
    assert not tree.xpath("//*[contains(@class, 'story__corrected')]")

    correction = correct(filed_stories.lead, editor)
    tree = doc(client, filed_stories.lead.url)
    notice = tree.xpath("//header[contains(@class, 'story__header')]//p[@class='story__corrected']")
    assert notice and notice[0].text_content().startswith("This article was corrected on ")
    assert notice[0].xpath("a/@href") == ["#corrections"]
    box = tree.xpath("//section[@id='corrections']")[0]
    assert box.xpath("h2")[0].text == "Corrections"
    entry = box.xpath(f".//li[@id='correction-{correction.pk}']")[0]
    assert "It said £12m. It is £1.2m." in entry.text_content()
    assert "Correction" in entry.text_content()
    # The box ends the story: after the body, before the comments.
    article = tree.xpath("//article[contains(@class, 'story')]")[0]
    assert article.index(box) > article.index(article.xpath("div[@class='story__body']")[0])


def test_a_clarification_alone_says_clarified(client, filed_stories, editor):
    correct(filed_stories.column, editor, kind=Correction.CLARIFICATION)
    tree = doc(client, filed_stories.column.url)
    assert "was clarified on" in tree.xpath("//p[@class='story__corrected']")[0].text_content()


def test_json_ld_carries_correction_comments_and_date_modified_moves(client, filed_stories, editor):
    age(filed_stories.lead)
    before = json_ld_article(doc(client, filed_stories.lead.url))
    assert "correction" not in before

    correction = correct(filed_stories.lead, editor)
    after = json_ld_article(doc(client, filed_stories.lead.url))
    [comment] = after["correction"]
    assert comment["@type"] == "CorrectionComment"
    assert comment["text"] == "It said £12m. It is £1.2m."
    published = datetime.fromisoformat(comment["datePublished"])
    assert abs(published - correction.published_at) < timedelta(milliseconds=1)
    assert after["dateModified"] > before["dateModified"]
    modified = doc(client, filed_stories.lead.url).xpath(
        "//meta[@property='article:modified_time']"
    )
    assert datetime.fromisoformat(modified[0].get("content")) >= correction.created_at


def test_a_later_revision_keeps_the_corrections(client, filed_stories, editor):
    page = filed_stories.lead.specific
    page.standfirst = "A draft saved before the correction."
    draft = page.save_revision()
    correct(filed_stories.lead, editor)
    draft.publish()  # the old draft goes live after the correction was appended
    tree = doc(client, filed_stories.lead.url)
    assert "A draft saved before the correction." in tree.text_content()
    assert tree.xpath("//section[@id='corrections']//li")


def test_only_published_items_can_be_corrected(filed_stories):
    correction = Correction(page=filed_stories.draft, wrong="x", right="y")
    with pytest.raises(Exception) as error:
        correction.full_clean()
    assert "Only a published item" in str(error.value)
    future = Correction(
        page=filed_stories.lead,
        wrong="x",
        right="y",
        published_at=timezone.now() + timedelta(days=1),
    )
    with pytest.raises(Exception) as error:
        future.full_clean()
    assert "future" in str(error.value)


def test_a_correction_refreshes_the_page_cache(
    client, filed_stories, editor, page_cache, django_capture_on_commit_callbacks, new_transaction
):
    assert b'id="corrections"' not in client.get(filed_stories.lead.url).content
    new_transaction()
    story = changes.page_scope(filed_stories.lead.pk)
    version = changes.versions([story])[story]
    with django_capture_on_commit_callbacks(execute=True):
        correct(filed_stories.lead, editor)
    assert changes.versions([story])[story] != version  # its story fragment too
    assert b'id="corrections"' in client.get(filed_stories.lead.url).content


# Feeds ----------------------------------------------------------------------------------


def lead_entries(client, url, filed_stories):
    entries = parse(fetch(client, url)).entries
    return [e for e in entries if e.id.endswith(f":page:{filed_stories.lead.pk}")]


@pytest.mark.parametrize(
    "url", ["/feeds/rss/", "/feeds/atom/", "/news/feed/", "/topics/finance/feed/atom/"]
)
def test_an_items_feed_entry_is_updated_never_duplicated(client, filed_stories, editor, url):
    age(filed_stories.lead)
    [before] = lead_entries(client, url, filed_stories)
    etag = fetch(client, url)["ETag"]

    correction = correct(filed_stories.lead, editor)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    [corrected] = lead_entries(client, url, filed_stories)
    assert corrected.id == before.id
    assert corrected.updated_parsed > before.updated_parsed
    assert corrected.published_parsed == before.published_parsed

    remove_correction(correction, editor, "Added to the wrong story.")
    [withdrawn] = lead_entries(client, url, filed_stories)
    assert withdrawn.id == before.id
    assert withdrawn.updated_parsed >= corrected.updated_parsed


def test_corrections_feeds_list_every_correction_newest_first(client, filed_stories, editor):
    older = correct(filed_stories.lead, editor, published_at=timezone.now() - timedelta(hours=2))
    newer = correct(filed_stories.column, editor, kind=Correction.CLARIFICATION, wrong="Unclear.")
    hidden = correct(filed_stories.video, editor)
    remove_correction(hidden, editor, "Added to the wrong story.")

    rss = fetch(client, "/corrections/feed/")
    assert rss["Content-Type"] == "application/rss+xml; charset=utf-8"
    entries = parse(rss).entries
    assert [e.title for e in entries] == [
        "Clarification: Let councils plan",
        "Correction: Council approves budget",
    ]
    assert entries[0].id.endswith(f":correction:{newer.pk}")
    assert entries[1].link == f"http://testserver{filed_stories.lead.url}#correction-{older.pk}"
    assert entries[1].summary == "It said £12m. It is £1.2m."

    atom = fetch(client, "/corrections/feed/atom/")
    assert ATOM_SCHEMA.validate(lxml_html.etree.fromstring(atom.content)), ATOM_SCHEMA.error_log
    assert [e.id for e in feedparser.parse(atom.content).entries] == [e.id for e in entries]

    etag = rss["ETag"]
    assert client.get("/corrections/feed/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    correct(filed_stories.lead, editor, wrong="Another slip.")
    assert client.get("/corrections/feed/", HTTP_IF_NONE_MATCH=etag).status_code == 200


# /corrections/ --------------------------------------------------------------------------


def test_corrections_page_lists_newest_first_and_pages(client, filed_stories, editor, settings):
    settings.LISTING_PAGE_SIZE = 2
    now = timezone.now()
    for hours, page in (
        (5, filed_stories.lead),
        (3, filed_stories.column),
        (1, filed_stories.video),
    ):
        correct(page, editor, published_at=now - timedelta(hours=hours), wrong=f"{page.title}.")
    withdrawn = correct(filed_stories.older, editor)
    remove_correction(withdrawn, editor, "Added to the wrong story.")

    first = doc(client, "/corrections/")
    titles = [a.text for a in first.xpath("//ol[contains(@class, 'corrections-list')]//h2/a")]
    assert titles == ["In conversation", "Let councils plan"]
    assert first.xpath("//nav[@class='pagination']//a[@rel='next']/@href") == ["?page=2"]
    second = doc(client, "/corrections/?page=2")
    assert [a.text for a in second.xpath("//ol//h2/a")] == ["Council approves budget"]
    assert client.get("/corrections/?page=3").status_code == 404
    assert client.get("/corrections/?page=x").status_code == 400
    head = first.find("head")
    assert head.xpath("link[@rel='alternate'][@href='/corrections/feed/']")


def test_corrections_of_unpublished_items_drop_out(client, filed_stories, editor):
    correct(filed_stories.lead, editor)
    filed_stories.lead.specific.unpublish()
    assert b"Council approves budget" not in client.get("/corrections/").content
    assert parse(fetch(client, "/corrections/feed/")).entries == []


# API ------------------------------------------------------------------------------------


def test_api_detail_lists_shown_corrections(client, filed_stories, editor):
    shown = correct(filed_stories.lead, editor)
    withdrawn = correct(filed_stories.lead, editor, wrong="Wrongly added.")
    remove_correction(withdrawn, editor, "Added to the wrong story.")
    data = client.get(f"/api/v2/pages/{filed_stories.lead.pk}/").json()
    assert [c["id"] for c in data["corrections"]] == [shown.pk]
    assert data["corrections"][0]["kind"] == "correction"
    assert data["corrections"][0]["text"] == "It said £12m. It is £1.2m."


# The admin: who may append and remove, and the log ---------------------------------------


def add_form(page, **extra):
    return {
        "page": str(page.pk),
        "kind": "correction",
        "wrong": "It said the vote was 12-3.",
        "right": "It was 13-2.",
        "published_at": timezone.now().strftime("%Y-%m-%d %H:%M"),
        **extra,
    }


def test_editor_appends_a_correction_in_the_admin_and_it_is_logged(client, filed_stories, editor):
    client.force_login(editor)
    form = client.get(f"/admin/corrections/new/?page={filed_stories.lead.pk}")
    assert form.status_code == 200
    edit_page = client.get(f"/admin/pages/{filed_stories.lead.pk}/edit/")
    assert b"/admin/corrections/new/?page=" in edit_page.content

    response = client.post("/admin/corrections/new/", add_form(filed_stories.lead))
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = Correction.objects.get()
    assert correction.created_by == editor and correction.page_id == filed_stories.lead.pk
    entry = PageLogEntry.objects.get(page=filed_stories.lead, action=ADDED)
    assert entry.user == editor and entry.data["correction"] == correction.pk
    history = client.get(f"/admin/pages/{filed_stories.lead.pk}/history/")
    assert b"Correction added" in history.content
    listing = client.get("/admin/corrections/").content.decode()
    assert "Council approves budget" in listing
    assert f"/admin/corrections/remove/{correction.pk}/" in listing


def test_a_draft_cannot_be_corrected_in_the_admin(client, filed_stories, editor):
    client.force_login(editor)
    response = client.post("/admin/corrections/new/", add_form(filed_stories.draft))
    assert response.status_code == 200
    assert b"Only a published item can be corrected" in response.content
    assert not Correction.objects.exists()


def test_writers_can_neither_add_nor_remove(client, filed_stories, editor, writer):
    correction = correct(filed_stories.lead, editor)
    client.force_login(writer)
    client.post("/admin/corrections/new/", add_form(filed_stories.lead))
    assert Correction.objects.count() == 1
    response = client.post(
        f"/admin/corrections/remove/{correction.pk}/", {"reason": "I do not like it at all."}
    )
    assert response.status_code in (302, 403)
    correction.refresh_from_db()
    assert not correction.is_removed
    assert not PageLogEntry.objects.filter(action=REMOVED).exists()


def test_editor_removes_only_with_a_reason_and_the_removal_is_logged(client, filed_stories, editor):
    correction = correct(filed_stories.lead, editor)
    client.force_login(editor)
    url = f"/admin/corrections/remove/{correction.pk}/"
    assert client.get(url).status_code == 200

    no_reason = client.post(url, {"reason": ""})
    assert no_reason.status_code == 200 and b"This field is required" in no_reason.content
    correction.refresh_from_db()
    assert not correction.is_removed

    assert client.post(url, {"reason": "It was added to the wrong story."}).status_code == 302
    correction.refresh_from_db()
    assert correction.is_removed and correction.removed_by == editor
    assert correction.removal_reason == "It was added to the wrong story."
    entry = PageLogEntry.objects.get(page=filed_stories.lead, action=REMOVED)
    assert entry.user == editor and entry.data["reason"] == "It was added to the wrong story."
    history = client.get(f"/admin/pages/{filed_stories.lead.pk}/history/").content.decode()
    assert "Correction removed" in history and "It was added to the wrong story." in history
    # Readers no longer see it; the row (and its history) stays.
    client.logout()
    assert b'id="corrections"' not in client.get(filed_stories.lead.url).content
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_nobody_edits_or_deletes_a_correction(client, filed_stories, editor, admin_user):
    correction = correct(filed_stories.lead, editor)
    client.force_login(admin_user)
    for url in (
        f"/admin/corrections/edit/{correction.pk}/",
        f"/admin/corrections/delete/{correction.pk}/",
    ):
        response = client.post(url, add_form(filed_stories.lead, wrong="Rewritten history."))
        assert response.status_code in (302, 403), url
    correction.refresh_from_db()
    assert correction.wrong == "It said £12m."
    assert client.get(f"/admin/corrections/inspect/{correction.pk}/").status_code == 200
