"""The page editor as a writer meets it: a first draft saves with only what they type."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import ContentPage
from tests import factories
from tests.background.helpers import run_due_tasks
from tests.cms.test_workflow import user_in

# What a writer types into each kind of page: the headline, a standfirst, the body and an
# author; a video also needs its address. Nothing on the Promote tab, so no slug.
KINDS = {
    "news.articlepage": ("news", {}),
    "opinion.lastwordpage": ("opinion", {"pull_quote": ""}),
    "news.videopage": ("tv", {"video_url": "https://youtu.be/dQw4w9WgXcQ", "duration": ""}),
}


def writer_form(author, headline, **extra):
    return nested_form_data(
        {
            "title": headline,
            "standfirst": "What happened, in a sentence.",
            "body": streamfield([("paragraph", rich_text("<p>The council met.</p>"))]),
            "author_links": inline_formset([{"author": str(author.pk)}]),
            "related_items": inline_formset([]),
            "right_of_reply": inline_formset([]),
            **extra,
        }
    )


@pytest.mark.parametrize("kind", KINDS)
def test_a_writers_first_save_draft_creates_each_kind_of_page(client, sections, kind):
    section_name, extra = KINDS[kind]
    app_label, model_name = kind.split(".")
    client.force_login(user_in("Writers", "wendy"))
    author = factories.make_author("Tom Ellison")
    add_url = reverse(
        "wagtailadmin_pages:add", args=(app_label, model_name, sections[section_name].pk)
    )

    response = client.post(add_url, writer_form(author, "Council backs Sunday libraries", **extra))

    assert response.status_code == 302, response.content.decode()[:3000]
    page = ContentPage.objects.get(title="Council backs Sunday libraries")
    assert page.slug == "council-backs-sunday-libraries"
    assert not page.live and page.specific.authors == [author]

    # A second story with the same headline in the same section gets its own address.
    client.post(add_url, writer_form(author, "Council backs Sunday libraries", **extra))
    slugs = set(ContentPage.objects.values_list("slug", flat=True))
    assert {"council-backs-sunday-libraries", "council-backs-sunday-libraries-2"} <= slugs


def test_a_headline_with_nothing_to_make_an_address_from_asks_for_one(client, news_section):
    client.force_login(user_in("Writers", "wendy"))
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", news_section.pk))

    response = client.post(add_url, writer_form(factories.make_author(), "!!!"))

    assert response.status_code == 200
    assert "no letters or digits to make an address from" in response.content.decode()
    assert not ContentPage.objects.exists()


def test_the_headline_fills_the_slug_as_the_writer_types(client, news_section):
    """Wagtail's TitleFieldPanel wires the headline to the slug field (w-sync)."""
    client.force_login(user_in("Writers", "wendy"))
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", news_section.pk))

    [title] = html.fromstring(client.get(add_url).content).xpath("//input[@name='title']")

    assert "w-sync" in title.get("data-controller")
    assert "#id_slug" in title.get("data-w-sync-target-value")
    assert title.get("placeholder") == "Headline*"


def test_the_status_panel_shows_the_schedule_as_it_was_typed(client, news_section):
    """One 24-hour UK format: what the schedule field takes is what the admin shows."""
    article = factories.make_article(title="Budget day", publish=False)
    go_live = timezone.make_aware(datetime(2031, 12, 1, 19, 17))
    article.go_live_at = go_live
    article.save_revision()
    client.force_login(user_in("Editors", "eddie"))

    content = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()

    assert "01/12/2031 19:17" in content
    assert "p.m." not in content and "a.m." not in content


def test_admin_search_finds_stories_by_standfirst_and_body(client, news_section):
    factories.make_article(title="Council budget", standfirst="The xylophone fund grows.")
    factories.make_article(
        title="Road repairs", body=[{"type": "paragraph", "value": "<p>A glockenspiel.</p>"}]
    )
    run_due_tasks()  # the worker updates Wagtail's search index
    client.force_login(user_in("Editors", "eddie"))

    for word, title in [("xylophone", "Council budget"), ("glockenspiel", "Road repairs")]:
        content = client.get("/admin/pages/search/", {"q": word}).content.decode()
        assert title in content
        text = " ".join(html.fromstring(content).text_content().split())
        assert "1-1 of 1 page" in text and "of 1 None" not in text


def test_crediting_an_author_twice_is_a_form_error_not_a_server_error(client, news_section):
    client.force_login(user_in("Writers", "wendy"))
    author = factories.make_author("Tom Ellison")
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", news_section.pk))
    form = writer_form(author, "Twice credited")
    form.update(
        nested_form_data(
            {
                "author_links": inline_formset(
                    [{"author": str(author.pk)}, {"author": str(author.pk)}]
                )
            }
        )
    )

    response = client.post(add_url, form)

    assert response.status_code == 200
    assert "Tom Ellison is already credited on this page." in response.content.decode()
    assert not ContentPage.objects.exists()


def test_the_preview_may_be_framed_by_the_editor(client, news_section):
    """The preview is rendered for the page's public path, yet shown in the admin's frame."""
    client.force_login(user_in("Writers", "wendy"))
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("news", "articlepage", news_section.pk)
    )
    client.post(preview_url, writer_form(factories.make_author(), "Framed"))

    response = client.get(preview_url)

    assert response.status_code == 200 and b"Framed" in response.content
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_the_editorial_comments_panel_says_it_is_not_reader_comments(client, news_section):
    """Wagtail's speech-bubble panel holds colleagues' notes; readers' comments live elsewhere."""
    article = factories.make_article(title="Budget day")
    client.force_login(user_in("Editors", "eddie"))

    tree = html.fromstring(
        client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content
    )

    [help_text] = tree.xpath("//*[@data-editorial-notes-help]")
    assert "Readers never see them" in help_text.text_content()
    assert "Reader comments" in help_text.text_content()
