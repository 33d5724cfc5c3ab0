"""The accessibility gate: publishing and submitting are refused, drafts still save."""

import pytest
from wagtail.test.utils.form_data import inline_formset

from news.models import ArticlePage, VideoPage
from tests import factories
from tests.trust.helpers import editor, editor_form, post_add, rich_text, user_in


def image_block(image, alt="", decorative=False):
    value = {"image": image.pk, "alt_text": alt, "caption": "", "credit": ""}
    if decorative:
        value["decorative"] = "on"
    return ("image", value)


def heading(level, text="A heading"):
    return ("heading", {"text": text, "level": level})


def errors_of(response):
    """The form's field errors and the non-field summary, as plain text."""
    form = response.context["form"]
    return {name: " ".join(str(e) for e in form.errors[name].as_data()) for name in form.errors}


def block_message(response, index, field=None):
    """The error the editor sees on body block `index` (on its `field`, for a struct)."""
    error = response.context["form"].errors["body"].as_data()[0].block_errors[index]
    return " ".join(error.block_errors[field].messages if field else error.messages)


@pytest.fixture
def author(db):
    return factories.make_author("Helen Carter")


@pytest.fixture
def bare_image(db):
    image = factories.make_image("Bare")
    image.description = ""
    image.save()
    return image


@pytest.mark.parametrize("action", ["publish", "submit"])
def test_body_image_without_alt_text_is_refused_but_a_draft_saves(
    client, news_section, author, bare_image, action
):
    client.force_login(editor() if action == "publish" else user_in("Writers", "wendy"))
    form = editor_form(author, body=[image_block(bare_image)])
    response = post_add(client, news_section, form, action)
    assert response.status_code == 200
    errors = errors_of(response)
    assert "accessibility problem" in errors["__all__"]
    assert "alternative text" in block_message(response, 0, "alt_text")
    assert not ArticlePage.objects.exists()
    assert "1 accessibility problem to fix" in response.content.decode()

    response = post_add(client, news_section, form, "save")
    assert response.status_code == 302
    assert not ArticlePage.objects.get().live


@pytest.mark.parametrize(
    "block, publishes",
    [
        ("described", True),
        ("decorative", True),
        ("image_description", True),
        ("bare", False),
    ],
)
def test_alt_text_decorative_or_image_description_satisfy_the_gate(
    client, news_section, author, bare_image, block, publishes
):
    described = factories.make_image("Has description")
    blocks = {
        "described": image_block(bare_image, alt="The council chamber"),
        "decorative": image_block(bare_image, decorative=True),
        "image_description": image_block(described),
        "bare": image_block(bare_image),
    }
    client.force_login(editor())
    post_add(client, news_section, editor_form(author, body=[blocks[block]]), "publish")
    assert ArticlePage.objects.filter(live=True).exists() is publishes


def test_hero_image_needs_alt_text_or_decorative(client, news_section, author, bare_image):
    client.force_login(editor())
    form = editor_form(author, hero_image=str(bare_image.pk))
    response = post_add(client, news_section, form, "publish")
    assert "alternative text" in errors_of(response)["hero_alt_text"]
    post_add(client, news_section, {**form, "hero_decorative": "on"}, "publish")
    page = ArticlePage.objects.get(live=True)
    assert page.hero_alt == ""
    html = client.get(page.url).content.decode()
    assert 'alt=""' in html.split('class="story__hero"')[1][:400]


@pytest.mark.parametrize(
    "levels, refused",
    [(["h2", "h3", "h2", "h3"], False), (["h3"], True), (["h2", "h3", "h3"], False)],
)
def test_headings_may_not_skip_a_level(client, news_section, author, levels, refused):
    client.force_login(editor())
    body = [heading(level) for level in levels]
    response = post_add(client, news_section, editor_form(author, body=body), "publish")
    if refused:
        assert "skips a level" in block_message(response, 0, "level")
    else:
        assert response.status_code == 302
        assert ArticlePage.objects.get().live


@pytest.mark.parametrize(
    "html, refused",
    [
        ('<p>See the report <a href="https://example.org">here</a>.</p>', True),
        ('<p><a href="https://example.org">Click here!</a></p>', True),
        ('<p><a href="https://example.org">Read more</a></p>', True),
        ('<p><a href="https://example.org">more</a></p>', True),
        ('<p>Read <a href="https://example.org">the council\'s budget report</a>.</p>', False),
    ],
)
def test_vague_link_text_is_refused(client, news_section, author, html, refused):
    client.force_login(editor())
    body = [("paragraph", rich_text(html))]
    response = post_add(client, news_section, editor_form(author, body=body), "publish")
    if refused:
        assert "link text must say where it goes" in block_message(response, 0)
        assert not ArticlePage.objects.exists()
    else:
        assert ArticlePage.objects.get().live


def test_video_page_needs_a_transcript(client, tv_section, author):
    client.force_login(editor())
    form = editor_form(
        author, video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", duration="", transcript=""
    )
    response = post_add(client, tv_section, form, "publish", model="news.videopage")
    assert "transcript" in errors_of(response)["transcript"]
    assert post_add(client, tv_section, form, "save", model="news.videopage").status_code == 302
    form["transcript"] = "PRESENTER: Welcome to the programme."
    form["slug"] = "with-transcript"
    post_add(client, tv_section, form, "publish", model="news.videopage")
    assert VideoPage.objects.filter(live=True, slug="with-transcript").exists()


def test_video_block_in_the_body_needs_a_transcript(client, news_section, author):
    client.force_login(editor())
    video = {"video": "https://youtu.be/dQw4w9WgXcQ", "caption": "", "transcript": ""}
    response = post_add(
        client, news_section, editor_form(author, body=[("video", video)]), "publish"
    )
    assert "transcript" in block_message(response, 0, "transcript")
    video["transcript"] = "What was said."
    post_add(client, news_section, editor_form(author, body=[("video", video)]), "publish")
    page = ArticlePage.objects.get(live=True)
    assert "What was said." in client.get(page.url).content.decode()


def test_the_content_checker_runs_our_rules(admin_client, news_section):
    page = factories.make_article(parent=news_section)
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "color-contrast" in html and "image-alt" in html


def test_approving_is_checked_but_sending_back_is_not(client, news_section, author, bare_image):
    from wagtail.models import WorkflowState

    client.force_login(user_in("Writers", "wendy"))
    form = editor_form(author, body=[image_block(bare_image, alt="A chart")])
    assert post_add(client, news_section, form, "submit").status_code == 302
    page = ArticlePage.objects.get()
    # The editor opens it and the alt text is gone: approving is refused, sending it back works.
    link = page.author_links.get()
    form = editor_form(
        author,
        body=[image_block(bare_image)],
        author_links=inline_formset([{"id": str(link.pk), "author": str(author.pk)}], initial=1),
    )
    client.force_login(editor())
    edit = f"/admin/pages/{page.pk}/edit/"
    approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}
    response = client.post(edit, {**form, **approve, "workflow-action-extra-data": "{}"})
    assert response.status_code == 200
    assert "alternative text" in block_message(response, 0, "alt_text")
    assert not ArticlePage.objects.get().live
    reject = {"action-workflow-action": "1", "workflow-action-name": "reject"}
    response = client.post(edit, {**form, **reject, "workflow-action-extra-data": "{}"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_a_factbox_title_counts_as_a_level_2_heading(client, news_section, author):
    client.force_login(editor())
    factbox = ("factbox", {"title": "Key facts", "body": rich_text("<p>£1.2bn</p>")})
    response = post_add(
        client, news_section, editor_form(author, body=[factbox, heading("h3")]), "publish"
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get().live
