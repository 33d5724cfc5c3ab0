"""Every editor's way of publishing holds an item to the same checks as the page editor:
bulk "Publish" in the page listing skips (and names) what the checks refuse and publishes
the rest, approving a review task from the dashboard is refused with the reason."""

import html
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowState

from cms.publish_checks import publish_refusal
from news.models import ArticlePage, NewsIndexPage
from opinion.models import LastWordPage
from tests import factories
from tests.trust.helpers import editor, post_add, user_in
from tests.trust.test_declared_interests import column_form, columnist


def image_body(image, alt=""):
    value = {"image": image.pk, "alt_text": alt, "decorative": False, "caption": "", "credit": ""}
    return [{"type": "image", "value": value}]


def draft(parent, title, body):
    return factories.make_article(parent=parent, title=title, publish=False, body=body)


def bulk_publish_url(pages, **extra):
    ids = "&".join(f"id={page.pk}" for page in pages)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return f"{url}?{ids}&next=/admin/pages/"


def messages_of(response):
    """The admin's messages as text (with buttons they are HTML, so entities are undone)."""
    return [html.unescape(str(message)).strip() for message in response.context["messages"]]


def test_bulk_publish_skips_what_the_checks_refuse_and_says_why(client, news_section, bare_image):
    good = draft(news_section, "Budget approved", image_body(bare_image, alt="A chart"))
    bad = draft(news_section, "Chart without words", image_body(bare_image))
    client.force_login(editor())
    url = bulk_publish_url([good, bad])

    # The confirmation already says which page will be left out and why.
    page = client.get(url).content.decode()
    assert "These pages will not be published" in page
    assert "“Chart without words” was not published" in page
    assert "has no alternative text" in page

    response = client.post(url, {}, follow=True)
    assert ArticlePage.objects.get(pk=good.pk).live
    assert not ArticlePage.objects.get(pk=bad.pk).live
    said = messages_of(response)
    assert "1 page has been published" in said
    refused = [m for m in said if "Chart without words" in m]
    assert refused and "the image in body block 1 has no alternative text" in refused[0]


def test_bulk_publish_of_only_refused_pages_publishes_nothing(client, news_section, bare_image):
    bad = draft(news_section, "Chart without words", image_body(bare_image))
    client.force_login(editor())
    page = client.get(bulk_publish_url([bad])).content.decode()
    assert "Yes, publish" not in page  # nothing left to confirm
    response = client.post(bulk_publish_url([bad]), {}, follow=True)
    assert not ArticlePage.objects.get(pk=bad.pk).live
    said = messages_of(response)
    assert not [m for m in said if "has been published" in m]
    assert any("was not published" in m for m in said)


def test_bulk_publish_checks_the_unpublished_subpages_it_publishes_too(client, home, bare_image):
    section = NewsIndexPage(title="Features", slug="features", live=False)
    home.add_child(instance=section)
    section.save_revision()
    good = draft(section, "Good feature", image_body(bare_image, alt="A chart"))
    bad = draft(section, "Bad feature", image_body(bare_image))
    client.force_login(editor())
    response = client.post(bulk_publish_url([section]), {"include_descendants": "on"}, follow=True)
    assert NewsIndexPage.objects.get(pk=section.pk).live
    assert ArticlePage.objects.get(pk=good.pk).live
    assert not ArticlePage.objects.get(pk=bad.pk).live
    assert any("“Bad feature” was not published" in m for m in messages_of(response))


def test_bulk_publish_refuses_a_column_on_a_stale_declaration(client, opinion_section):
    column = factories.make_column(parent=opinion_section, columnist=columnist(400))
    column.unpublish()
    client.force_login(editor())
    response = client.post(bulk_publish_url([column]), {}, follow=True)
    assert not LastWordPage.objects.get(pk=column.pk).live
    refused = [m for m in messages_of(response) if "was not published" in m]
    assert refused and "Rob Whiteman's declaration of interests was last reviewed" in refused[0]


def submitted(client, page):
    """The page as its writer would send it for review (the workflow, started for them)."""
    writer = user_in("Writers", "wendy")
    Workflow.objects.get(name="Editorial review").start(page, writer)
    return WorkflowState.objects.get(object_id=str(page.pk)).current_task_state


def approve(client, page, task_state, **headers):
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(f"{url}?next=/admin/", {"comment": ""}, follow=True, **headers)


def test_approving_from_the_dashboard_is_refused_with_the_reason(client, news_section, bare_image):
    bad = draft(news_section, "Chart without words", image_body(bare_image))
    task_state = submitted(client, bad)
    client.force_login(editor())
    response = approve(client, bad, task_state)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert not ArticlePage.objects.get(pk=bad.pk).live
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS  # still awaiting review
    refused = [m for m in messages_of(response) if "was not approved" in m]
    assert refused and "has no alternative text" in refused[0]

    # The modal ("Approve with comment") answers in JSON and lands on the same message.
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(bad.pk, "approve", task_state.pk))
        + "?next=/admin/",
        {"comment": "Fine"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["redirect"] == "/admin/"
    assert not ArticlePage.objects.get(pk=bad.pk).live

    # Once fixed (the image gets a description), the same approval publishes it.
    bare_image.description = "A bar chart of council spending"
    bare_image.save()
    response = approve(client, bad, task_state)
    assert ArticlePage.objects.get(pk=bad.pk).live


def test_a_column_sent_for_review_on_a_stale_declaration_is_not_approved(client, opinion_section):
    """Submitting does not look at the declaration (a writer cannot fix it); approving does."""
    author = columnist(400)
    client.force_login(user_in("Writers", "wendy"))
    response = post_add(
        client, opinion_section, column_form(author), "submit", "opinion.lastwordpage"
    )
    assert response.status_code == 302
    column = LastWordPage.objects.get()
    task_state = WorkflowState.objects.get(object_id=str(column.pk)).current_task_state
    client.force_login(editor())
    response = approve(client, column, task_state)
    assert not LastWordPage.objects.get().live
    refused = [m for m in messages_of(response) if "was not approved" in m]
    assert refused and "Rob Whiteman" in refused[0] and "with a reason" in refused[0]


def test_the_rules_are_the_editors_rules(news_section, tv_section, bare_image):
    """publish_refusal reads the latest revision, as Wagtail's doors publish it."""
    page = factories.make_article(parent=news_section, title="Fine story")
    assert publish_refusal(page) == ""
    page.body = image_body(bare_image)
    page.save_revision()
    assert "body block 1 has no alternative text" in publish_refusal(page)
    video = factories.make_video(parent=tv_section, title="No words", transcript="")
    assert "the video has no transcript" in publish_refusal(video)
    page.hero_image, page.body = bare_image, []
    page.save_revision()
    assert publish_refusal(page).endswith(
        "was not published: the hero image has no alternative text. Open it in the page "
        "editor to fix it."
    )


def embargoed_draft(parent, title):
    page = factories.make_article(parent=parent, title=title, publish=False)
    page.embargo_until = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    page.save_revision()
    return page


def test_bulk_publish_and_dashboard_approval_only_schedule_an_embargoed_item(client, news_section):
    bulk = embargoed_draft(news_section, "Embargoed by bulk")
    reviewed = embargoed_draft(news_section, "Embargoed by review")
    task_state = submitted(client, reviewed)
    client.force_login(editor())
    client.post(bulk_publish_url([bulk]), {})
    approve(client, reviewed, task_state)
    for page in (bulk, reviewed):
        stored = ArticlePage.objects.get(pk=page.pk)
        assert not stored.live, page.title
        assert stored.latest_revision.approved_go_live_at == page.embargo_until
        assert client.get(f"/news/{page.slug}/").status_code == 404


def test_copying_a_page_live_is_checked_but_an_unpublished_copy_is_not(client, opinion_section):
    """A column that went out a year ago, its columnist's declaration now stale: a live copy
    would publish it again unchecked, so only a draft copy is allowed."""
    column = factories.make_column(parent=opinion_section, columnist=columnist(400))
    client.force_login(editor())
    url = reverse("wagtailadmin_pages:copy", args=(column.pk,))
    form = {"new_title": "Again", "new_slug": "again", "new_parent_page": str(opinion_section.pk)}
    response = client.post(url, {**form, "publish_copies": "on"})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["publish_copies"])
    assert "was not copied live" in errors and "Rob Whiteman" in errors
    assert "was not copied live" in response.content.decode()  # shown on the page
    assert not LastWordPage.objects.filter(slug="again").exists()

    assert client.post(url, form).status_code == 302
    assert not LastWordPage.objects.get(slug="again").live
