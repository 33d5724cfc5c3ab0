"""Editors post a live entry from its own small form: the page chosen for them, live at
once with no page revision, and the form ready again for the next entry."""

import pytest
from lxml import html as lxml_html
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from live.models import LiveEntry
from tests import factories
from tests.cms.test_workflow import user_in

pytestmark = pytest.mark.django_db


def test_an_editor_posts_an_entry_in_one_form(client, news_section):
    page = factories.make_live_page(title="Count night live")
    revisions = page.revisions.count()
    author = factories.make_author("Helen Carter")
    client.force_login(user_in("Editors", "eddie"))

    editor = lxml_html.fromstring(client.get(f"/admin/pages/{page.pk}/edit/").content)
    add = f"/admin/snippets/live/liveentry/add/?page={page.pk}"
    assert add in editor.xpath("//a/@href"), "the page's header offers “Add live entry”"
    form = lxml_html.fromstring(client.get(add).content)
    assert form.xpath("//input[@name='page']/@value") == [str(page.pk)]

    data = nested_form_data(
        {
            "page": page.pk,
            "headline": "First result",
            "author": author.pk,
            "body": streamfield([("paragraph", rich_text("<p>Labour hold Sunderland.</p>"))]),
            "is_key_event": "on",
        }
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == add  # ready for the next one
    entry = LiveEntry.objects.get()
    assert (entry.headline, entry.author, entry.is_key_event) == ("First result", author, True)
    assert page.revisions.count() == revisions  # no page revision, no workflow
    assert b"Labour hold Sunderland." in client.get(page.url).content


def test_writers_cannot_post_entries_out_of_the_box(client, news_section):
    page = factories.make_live_page()
    client.force_login(user_in("Writers", "wendy"))
    response = client.get(f"/admin/snippets/live/liveentry/add/?page={page.pk}")
    assert response.status_code in (302, 403)
