"""The Comments area of the Wagtail admin: listing, filters, actions and the moderation log."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from lxml import html

from comments.models import ModerationEvent
from tests import factories
from tests.comments.helpers import guest_comment

pytestmark = pytest.mark.django_db

LISTING = "/admin/reader-comments/"


def bulk_url(action, *comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/django_comments_xtd/xtdcomment/{action}/?{ids}&next={LISTING}"


@pytest.fixture
def comments(client, article, comment_settings):
    """One published, one held and one removed comment on the article."""
    guest_comment(client, article, "Published comment.")
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()
    guest_comment(client, article, "Held comment.", email="held@example.org")
    guest_comment(client, article, "Removed comment.", email="gone@example.org")
    removed = XtdComment.objects.get(comment="Removed comment.")
    removed.is_removed = True
    removed.save()
    return {c.comment.split()[0].lower(): c for c in XtdComment.objects.all()}


def listed(response):
    titles = html.fromstring(response.content).xpath("//tbody//span[starts-with(@id, 'comment_')]")
    return {title.text_content().strip() for title in titles}


def test_editors_see_the_comments_menu_and_listing(client, editor, comments):
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Moderation log" in dashboard

    response = client.get(LISTING)

    assert response.status_code == 200
    assert listed(response) == {"Published comment.", "Held comment.", "Removed comment."}
    content = response.content.decode()
    assert "held@example.org" in content  # moderators may see who wrote what
    assert "Waiting for review" in content


def test_writers_cannot_moderate(client, django_user_model, comments):
    writer = django_user_model.objects.create_user("wren", "w@newsroom.example", "pw")
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    assert client.get(LISTING).status_code in (302, 403)
    assert client.get(bulk_url("approve", comments["held"])).status_code in (302, 403)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("pending", {"Held comment."}),
        ("published", {"Published comment."}),
        ("removed", {"Removed comment."}),
    ],
)
def test_filter_by_state(client, editor, comments, state, expected):
    client.force_login(editor)
    assert listed(client.get(LISTING, {"state": state})) == expected


def test_filter_by_reports(client, editor, comments):
    from comments.models import ReaderFlag

    ReaderFlag.objects.create(comment=comments["published"], reporter_key="x", reason="spam")
    client.force_login(editor)
    response = client.get(LISTING, {"state": "reported"})
    assert listed(response) == {"Published comment."}
    assert "1 report" in response.content.decode()


def test_filter_by_item_and_date(client, editor, comments, article):
    other = factories.make_article(title="Another story")
    guest_comment(client, other, "Elsewhere.", email="else@example.org")
    XtdComment.objects.filter(comment="Published comment.").update(
        submit_date=timezone.now() - timedelta(days=10)
    )
    client.force_login(editor)

    on_other = listed(client.get(LISTING, {"item": other.pk}))
    assert on_other == {"Elsewhere."}
    recent = listed(
        client.get(LISTING, {"submit_date_from": (timezone.now() - timedelta(days=2)).date()})
    )
    assert "Published comment." not in recent and "Held comment." in recent


def test_search_by_text_or_email(client, editor, comments):
    client.force_login(editor)
    assert listed(client.get(LISTING, {"q": "held@example"})) == {"Held comment."}


def test_approve_one_comment_through_its_confirmation_page(client, editor, comments):
    client.force_login(editor)
    held = comments["held"]
    confirm = client.get(bulk_url("approve", held))
    assert confirm.status_code == 200
    assert "Held comment." in confirm.content.decode()

    response = client.post(bulk_url("approve", held), {"note": "Fair comment"})

    assert response.status_code == 302
    held.refresh_from_db()
    assert held.is_public
    event = ModerationEvent.objects.get(action=ModerationEvent.APPROVED)
    assert (event.comment, event.actor, event.actor_name, event.note) == (
        held,
        editor,
        "edna",
        "Fair comment",
    )


def test_bulk_remove_and_restore(client, editor, comments):
    client.force_login(editor)
    published, held = comments["published"], comments["held"]

    client.post(bulk_url("remove", published, held))
    assert set(XtdComment.objects.filter(is_removed=True).values_list("pk", flat=True)) == {
        published.pk,
        held.pk,
        comments["removed"].pk,
    }
    client.post(bulk_url("restore", published, held))

    published.refresh_from_db()
    held.refresh_from_db()
    assert (published.is_public, published.is_removed) == (True, False)
    assert (held.is_public, held.is_removed) == (False, False)  # back in the queue
    logged = ModerationEvent.objects.filter(actor=editor).values_list("action", flat=True)
    assert sorted(logged) == ["removed", "removed", "restored", "restored"]


def test_row_buttons_offer_only_the_actions_that_apply(client, editor, comments):
    client.force_login(editor)
    page = html.fromstring(client.get(LISTING).content)
    removed_row = page.xpath(f"//tr[.//span[@id='comment_{comments['removed'].pk}_title']]")[0]
    links = {a.text_content().strip() for a in removed_row.xpath(".//a")}
    assert "Restore" in links and "Remove" not in links


def test_a_comment_detail_shows_its_history(client, editor, comments):
    from comments import actions

    held = comments["held"]
    actions.approve(held, editor, "Looks fine")
    client.force_login(editor)

    response = client.get(f"/admin/reader-comments/{held.pk}/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Held for review" in content and "Pre-moderation is on" in content
    assert "Approved" in content and "Looks fine" in content and "Edna Editor" in content


def test_the_moderation_log_lists_every_action(client, editor, comments):
    from comments import actions

    actions.remove(comments["published"], editor, "Off-topic")
    client.force_login(editor)

    response = client.get("/admin/comment-moderation-log/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Off-topic" in content and "Removed" in content and "System" in content

    only_removals = client.get("/admin/comment-moderation-log/", {"action": "removed"})
    rows = html.fromstring(only_removals.content).xpath(
        "//table[contains(@class, 'listing')]/tbody/tr"
    )
    assert [row.xpath("string(td[3])").strip() for row in rows] == ["Removed"]


def test_bad_ids_in_a_bulk_action_are_not_a_500(client, editor, comments):
    client.force_login(editor)
    assert (
        client.get("/admin/bulk/django_comments_xtd/xtdcomment/approve/?id=abc").status_code == 404
    )
    assert client.get("/admin/reader-comments/999999/").status_code == 404
    assert client.get("/admin/reader-comments/99999999999999999999/").status_code == 404


def test_editors_can_change_the_comment_settings(client, editor, site):
    client.force_login(editor)
    response = client.get(f"/admin/settings/comments/commentsettings/{site.pk}/")
    assert response.status_code == 200
    assert "Pre-moderation" in response.content.decode()
