"""Moderating reader comments: back to the list it started from, in words editors use."""

from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html

from tests import factories

pytestmark = pytest.mark.django_db


def row_link(content, comment, label):
    row = html.fromstring(content).xpath(f"//tr[.//span[@id='comment_{comment.pk}_title']]")[0]
    [link] = [a for a in row.xpath(".//a") if a.text_content().strip() == label]
    return link.get("href")


def test_remove_from_a_filtered_list_returns_to_it_with_a_message(client, editor, article):
    comment = factories.make_comment(article, "Spam about cheap watches.")
    factories.make_comment(article, "A fair point about the budget.")
    client.force_login(editor)

    # Choosing a filter or typing a search reloads only the results fragment.
    fragment = client.get("/admin/reader-comments/results/", {"state": "pending", "q": "watches"})
    remove_url = row_link(fragment.content, comment, "Remove")
    back = parse_qs(urlsplit(remove_url).query)["next"][0]
    assert urlsplit(back).path == "/admin/reader-comments/"
    assert parse_qs(urlsplit(back).query) == {"state": ["pending"], "q": ["watches"]}

    response = client.post(remove_url, {"note": "Spam"}, follow=True)

    assert response.redirect_chain[-1][0] == back
    page = response.content.decode()
    assert "1 comment removed." in page
    assert (
        page.lstrip().lower().startswith("<!doctype html>")
    )  # the whole admin page, not a fragment
    comment.refresh_from_db()
    assert comment.is_removed


def test_the_admin_speaks_of_reader_comments_people_and_excerpts(client, editor, article):
    from comments import actions

    comment = factories.make_comment(article, "The library closures will hurt pensioners most.")
    actions.remove(comment, editor, "Duplicate")
    client.force_login(editor)

    assert "Reader comments" in client.get("/admin/").content.decode()
    listing = client.get("/admin/reader-comments/").content.decode()
    assert "<strong>Restore</strong> undoes a removal" in listing

    log = html.fromstring(client.get("/admin/comment-moderation-log/").content)
    rows = log.xpath("//table[contains(@class, 'listing')]/tbody/tr")
    [cells] = [
        cells
        for cells in (
            [" ".join(td.text_content().split()) for td in row.xpath("td")] for row in rows
        )
        if "Removed" in cells
    ]
    assert "Edna Editor" in cells
    assert "“The library closures will hurt pensioners most.” by Ada Reader" in cells

    detail = client.get(f"/admin/reader-comments/{comment.pk}/").content.decode()
    assert "Not kept" in detail  # no IP address was recorded
    assert "Edna Editor" in detail

    restore = client.get(
        f"/admin/bulk/django_comments_xtd/xtdcomment/restore/?id={comment.pk}"
    ).content.decode()
    assert "Yes, restore" in restore
