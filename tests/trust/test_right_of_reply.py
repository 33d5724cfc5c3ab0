"""Right of reply: recorded by editors, kept internal, one generated line for readers."""

import pytest
from wagtail.models import PageLogEntry

from cms.models import RightOfReply
from news.models import ArticlePage
from tests import factories
from tests.trust.helpers import editor, editor_form, post_add

APPROACH = {
    "subject": "Northmoor ICB",
    "contact": "press office, press@northmoor.example",
    "approached_at": "2026-11-30 10:00",
    "deadline": "2026-12-01 12:00",
    "outcome": "none",
    "reply": "",
    "show_line": "on",
}


@pytest.mark.parametrize(
    "outcome, reply, line",
    [
        ("none", "", "Northmoor ICB was approached for comment."),
        ("declined", "", "Northmoor ICB was approached for comment and declined to comment."),
        (
            "replied",
            "We are reviewing the figures.",
            "Northmoor ICB said: “We are reviewing the figures.”",
        ),
    ],
)
def test_the_line_readers_see_comes_from_the_record(client, news_section, outcome, reply, line):
    client.force_login(editor())
    approach = {**APPROACH, "outcome": outcome, "reply": reply}
    response = post_add(
        client, news_section, editor_form(factories.make_author(), replies=[approach]), "publish"
    )
    assert response.status_code == 302, response.context["form"].errors
    page = ArticlePage.objects.get(live=True)
    html = client.get(page.url).content.decode()
    assert f'<p class="right-of-reply">{line}</p>' in html.replace("&#x27;", "'")
    # The record itself stays internal: who was contacted and how is never shown or served.
    assert "press@northmoor.example" not in html
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    api = response.content.decode()
    assert "Northmoor ICB" not in api and "right_of_reply" not in api


def test_the_line_can_be_left_out(client, news_section):
    client.force_login(editor())
    approach = {**APPROACH, "show_line": ""}
    post_add(
        client, news_section, editor_form(factories.make_author(), replies=[approach]), "publish"
    )
    page = ArticlePage.objects.get(live=True)
    assert RightOfReply.objects.get(page=page).subject == "Northmoor ICB"
    assert b"right-of-reply" not in client.get(page.url).content


def test_the_record_appears_in_the_page_history(client, news_section):
    client.force_login(editor())
    post_add(client, news_section, editor_form(factories.make_author(), replies=[APPROACH]), "save")
    page = ArticlePage.objects.get()
    entry = PageLogEntry.objects.get(page=page, action="cms.right_of_reply")
    assert entry.data["entries"] == [
        "Northmoor ICB approached 30/11/2026 10:00 via press office, press@northmoor.example, "
        "deadline 01/12/2026 12:00; no reply (yet)"
    ]
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Right of reply recorded" in history and "Northmoor ICB approached" in history
