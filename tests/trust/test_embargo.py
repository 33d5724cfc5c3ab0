"""An embargo that holds: before its time an item is behind every door (its page, preview,
listings, feeds, sitemaps, search, the API, related items) for anyone outside the newsroom;
at its time publish_scheduled makes it live and it is behind none of them."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from cms.models import ContentPage
from news.models import ArticlePage
from tests import factories
from tests.background.helpers import run_due_tasks
from tests.trust.helpers import editor, editor_form, post_add, user_in

TITLE = "Spending review embargoed figures"
SLUG = "spending-review-embargoed-figures"


@pytest.fixture
def story(client, news_section):
    """An embargoed story published (so scheduled) by an editor through the page editor,
    filed next to a live story that shares its topic and author."""
    topic, author = factories.make_topic("Finance"), factories.make_author("Helen Carter")
    neighbour = factories.make_article(
        parent=news_section, title="Council tax rises", topics=[topic], authors=[author]
    )
    embargo = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    form = editor_form(
        author,
        title=TITLE,
        slug=SLUG,
        embargo_until=embargo.astimezone(timezone.get_current_timezone()).strftime(
            "%Y-%m-%d %H:%M"
        ),
    )
    form["topics"] = [str(topic.pk)]
    client.force_login(editor())
    response = post_add(client, news_section, form, "publish")
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    page = ArticlePage.objects.get(slug=SLUG)
    return {
        "page": page,
        "embargo": embargo,
        "topic": topic,
        "author": author,
        "neighbour": neighbour,
    }


def doors(client, story):
    """What each public door shows, as text, for the current client."""
    page, topic, author = story["page"], story["topic"], story["author"]
    urls = {
        "home": "/",
        "section": "/news/",
        "topic": f"/topics/{topic.slug}/",
        "author": f"/authors/{author.slug}/",
        "site feed": "/feeds/rss/",
        "site feed (Atom)": "/feeds/atom/",
        "section feed": "/news/feed/",
        "sitemap": "/sitemap-pages.xml",
        "news sitemap": "/news-sitemap.xml",
        "search": "/search/?q=embargoed",
        "autocomplete": "/search/autocomplete/?q=spending",
        "API list": "/api/v2/pages/",
        "API search": "/api/v2/pages/?search=embargoed",
        "related items": story["neighbour"].url,
    }
    shown = {name: client.get(url).content.decode() for name, url in urls.items()}
    shown["API detail"] = client.get(f"/api/v2/pages/{page.pk}/").status_code
    shown["page"] = client.get(f"/news/{SLUG}/").status_code
    return shown


def shows_story(text):
    return TITLE in text or SLUG in text


def move_clock_past_embargo(story):
    """Make the embargo time pass: every stored time moves three hours back."""
    earlier = story["embargo"] - timedelta(hours=3)
    ContentPage.objects.filter(pk=story["page"].pk).update(
        embargo_until=earlier, go_live_at=earlier
    )
    for revision in Revision.page_revisions.filter(object_id=str(story["page"].pk)):
        revision.content["embargo_until"] = earlier.isoformat()
        revision.content["go_live_at"] = earlier.isoformat()
        revision.approved_go_live_at = revision.approved_go_live_at and earlier
        revision.save()


def test_every_door_is_shut_before_the_embargo_and_open_after(client, story):
    page = story["page"]
    assert not page.live
    assert page.go_live_at == story["embargo"]
    scheduled = Revision.page_revisions.get(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    )
    assert scheduled.approved_go_live_at == story["embargo"]

    # A signed-in reader outside the newsroom fares no better than an anonymous one.
    reader = get_user_model().objects.create_user("reader", "reader@example.org", "pw")
    for who in (None, reader):
        if who:
            client.force_login(who)
        before = doors(client, story)
        assert before.pop("page") == 404
        assert before.pop("API detail") == 404
        assert not {name for name, text in before.items() if shows_story(text)}
        client.logout()

    # publish_scheduled before the time leaves it where it is.
    call_command("publish_scheduled")
    assert not ArticlePage.objects.get(pk=page.pk).live

    move_clock_past_embargo(story)
    call_command("publish_scheduled")
    assert ArticlePage.objects.get(pk=page.pk).live
    run_due_tasks()  # the search index is updated by the task worker

    after = doors(client, story)
    assert after.pop("page") == 200
    assert after.pop("API detail") == 200
    assert not {name for name, text in after.items() if not shows_story(text)}


def test_preview_is_for_the_newsroom_only(client, story):
    preview = f"/admin/pages/{story['page'].pk}/view_draft/"
    # Anonymous: sent to sign in. Staff outside the newsroom (admin access, no page rights):
    # refused. A writer in the newsroom: sees the preview.
    assert client.get(preview).status_code == 302
    outsider = get_user_model().objects.create_user("moderator", "m@example.org", "pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(preview).status_code in (302, 403)
    client.force_login(user_in("Writers", "wendy"))
    response = client.get(preview)
    assert response.status_code == 200 and TITLE in response.content.decode()


def test_the_planning_view_shows_when_the_embargo_lifts(client, story):
    from tests.cms.test_admin_planning import texts

    plain = factories.make_article(title="Budget at noon", publish=False)
    revision = plain.save_revision()
    revision.approved_go_live_at = timezone.now() + timedelta(hours=1)
    revision.save()
    client.force_login(editor("nina"))
    response = client.get("/admin/planning/")
    rows = texts(response.content, "//table[@id='planning-list']/tbody/tr")
    assert [row.split(" ", 3)[3] for row in rows] == [
        "Goes live Budget at noon System",
        f"Embargo lifts {TITLE} eddie",
    ]


def test_every_other_way_of_publishing_waits_for_the_embargo(news_section):
    """Bulk publish, a review approval or code calling revision.publish() only schedule."""
    page = factories.make_article(parent=news_section, publish=False)
    page.embargo_until = timezone.now() + timedelta(days=1)
    revision = page.save_revision(clean=False)  # as an import or a script might
    Page.objects.filter(pk=page.pk).update(go_live_at=None)
    revision.content["go_live_at"] = None
    revision.save()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at == page.embargo_until


def test_an_embargo_cannot_be_set_on_a_live_item(client, news_section):
    client.force_login(editor())
    page = factories.make_article(parent=news_section, authors=[factories.make_author()])
    form = editor_form(
        page.authors[0],
        title=page.title,
        slug=page.slug,
        embargo_until=(timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        **{"action-publish": "Publish"},
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", form)
    assert "already public" in str(response.context["form"].errors["embargo_until"])


def test_a_live_item_with_a_future_embargo_is_never_listed(news_section):
    """The listing rule itself: were an item ever live with its embargo ahead (a database
    edit), no listing would show it."""
    page = factories.make_article(parent=news_section)
    ContentPage.objects.filter(pk=page.pk).update(embargo_until=timezone.now() + timedelta(hours=1))
    assert page.pk not in ContentPage.objects.listed().values_list("pk", flat=True)
    ContentPage.objects.filter(pk=page.pk).update(embargo_until=timezone.now() - timedelta(hours=1))
    assert page.pk in ContentPage.objects.listed().values_list("pk", flat=True)


def test_a_later_draft_embargo_holds_back_an_earlier_scheduled_revision(news_section):
    page = factories.make_article(parent=news_section, publish=False)
    page.embargo_until = timezone.now() + timedelta(minutes=5)
    scheduled = page.save_revision()
    scheduled.publish()
    later = timezone.now() + timedelta(days=2)
    ContentPage.objects.filter(pk=page.pk).update(embargo_until=later)  # the draft moved it
    Revision.objects.filter(pk=scheduled.pk).update(approved_go_live_at=timezone.now())
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert Revision.objects.get(pk=scheduled.pk).approved_go_live_at == later


def test_once_live_a_cleared_embargo_stays_cleared(news_section):
    page = factories.make_article(parent=news_section)
    ContentPage.objects.filter(pk=page.pk).update(embargo_until=timezone.now() - timedelta(1))
    page.refresh_from_db()
    page.embargo_until = None
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and page.embargo_until is None
