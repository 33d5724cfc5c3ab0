"""An editor's day: a writer drafts and submits, an editor approves, a story is scheduled."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import ArticlePage
from tests import factories


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def article_form(author, topic, **extra):
    data = {
        "title": "Council approves new bus network",
        "slug": "council-approves-new-bus-network",
        "standfirst": "Franchising starts next year.",
        "body": streamfield([("paragraph", rich_text("<p>The mayor said yes.</p>"))]),
        "author_links": inline_formset([{"author": str(author.pk)}]),
        "related_items": inline_formset([]),
        "right_of_reply": inline_formset([]),
        "comments_open": "on",
        "hero_caption": "",
        "hero_credit": "",
        "licence": "",
        "seo_title": "",
        "search_description": "",
        "listing_title": "",
        "listing_summary": "",
        "social_text": "",
    }
    data.update(extra)
    form = nested_form_data(data)
    form["topics"] = [str(topic.pk)]  # a multiple choice: one key, a list of values
    return form


def test_editorial_review_workflow_is_set_up_out_of_the_box(db):
    workflow = Workflow.objects.get(name="Editorial review")
    assert workflow.active
    tasks = list(workflow.tasks.all())
    assert [task.name for task in tasks] == ["Editor approval"]
    assert [g.name for g in tasks[0].specific.groups.all()] == ["Editors"]
    writers = Group.objects.get(name="Writers")
    perms = {p.permission.codename for p in writers.page_permissions.all()}
    assert "publish_page" not in perms and "add_page" in perms


def test_writer_submits_and_editor_approves(client, news_section):
    topic, author = factories.make_topic("Transport"), factories.make_author("Tom Ellison")
    client.force_login(user_in("Writers", "wendy"))

    # Writers cannot publish directly: the publish action is ignored and nothing goes live.
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", news_section.pk))
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, article_form(author, topic, **{"action-submit": "Submit"}))
    assert response.status_code == 302, response.content[:2000]
    article = ArticlePage.objects.get(slug="council-approves-new-bus-network")
    assert not article.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Editor approval"

    # The writer cannot approve their own story.
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(article.pk, "approve", state.current_task_state.pk),
    )
    client.post(approve_url, {"comment": ""})
    article.refresh_from_db()
    assert not article.live

    client.force_login(user_in("Editors", "eddie"))
    response = client.post(approve_url, {"comment": "Good to go"})
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    state.refresh_from_db()
    assert article.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert client.get(article.url).status_code == 200
    published = ArticlePage.objects.get(pk=article.pk)
    assert [t.name for t in published.topics.all()] == ["Transport"]
    assert published.authors == [author]


def test_editor_schedules_a_story_and_publish_scheduled_publishes_it(client, news_section):
    topic, author = factories.make_topic("Finance"), factories.make_author("Sarah Whitfield")
    client.force_login(user_in("Editors", "eddie"))
    go_live = timezone.localtime() + timedelta(hours=2)
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", news_section.pk))
    form = article_form(
        author, topic, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"}
    )
    response = client.post(add_url, form)
    assert response.status_code == 302, response.content[:2000]
    article = ArticlePage.objects.get(slug="council-approves-new-bus-network")
    revision = article.latest_revision
    assert not article.live
    assert revision.approved_go_live_at is not None
    assert client.get(news_section.url).content.count(b"bus network") == 0

    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live, "not before its time"

    # Time passes: move the go-live moment into the past and run the scheduler again.
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert b"Council approves new bus network" in client.get(news_section.url).content


def test_editor_sees_a_clear_error_for_a_bad_video_url(client, tv_section):
    client.force_login(user_in("Editors", "eddie"))
    author = factories.make_author("Presenter")
    add_url = reverse("wagtailadmin_pages:add", args=("news", "videopage", tv_section.pk))
    form = article_form(
        author,
        factories.make_topic("Workforce"),
        video_url="https://www.dailymotion.com/video/x7tgad0",
        duration="",
        transcript="",
        **{"action-publish": "1"},
    )
    response = client.post(add_url, form)
    assert response.status_code == 200
    assert b"Only YouTube and Vimeo videos can be embedded" in response.content
    assert not tv_section.get_children().exists()


def test_a_preview_shows_the_draft_not_the_cached_live_story(client, news_section):
    topic, author = factories.make_topic("Housing"), factories.make_author("Aisha Rahman")
    live = factories.make_article(title="Buses stay as they are", topics=[topic])
    assert "Buses stay as they are" in client.get(live.url).content.decode()  # cached now
    client.force_login(user_in("Editors", "edna"))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(live.pk,))
    form = article_form(author, topic, slug=live.slug)

    assert client.post(preview_url, form).json()["is_valid"]
    html = client.get(preview_url).content.decode()

    story = html[html.index('<article class="story">') :]
    assert "Council approves new bus network" in story
    assert "The mayor said yes." in story
    client.logout()
    assert "Buses stay as they are" in client.get(live.url).content.decode()  # live unchanged


def test_writer_previews_a_draft_before_submitting(client, news_section):
    topic, author = factories.make_topic("Housing"), factories.make_author("Aisha Rahman")
    related = factories.make_article(title="Earlier housing story")
    client.force_login(user_in("Writers", "wendy"))
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("news", "articlepage", news_section.pk)
    )
    form = article_form(author, topic)
    form.update(
        nested_form_data({"related_items": inline_formset([{"related_page": str(related.pk)}])})
    )
    response = client.post(preview_url, form)
    assert response.json() == {"is_valid": True, "is_available": True}
    preview = client.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Council approves new bus network" in html
    assert "Aisha Rahman" in html
    assert "Earlier housing story" in html, "editor-chosen related items show in preview"
    assert not ArticlePage.objects.filter(slug="council-approves-new-bus-network").exists()
