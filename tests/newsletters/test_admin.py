"""Editors' side: issues in the admin with preview, test send, schedule, send now, counts."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from newsletters import sending
from newsletters.models import NewsletterIssue
from tests.newsletters.helpers import make_subscriber
from tests.newsletters.test_sending import make_issue

pytestmark = pytest.mark.django_db

ISSUES = "/admin/snippets/newsletters/newsletterissue/"


@pytest.fixture
def editor_client(client, django_user_model, site):
    user = django_user_model.objects.create_superuser("ed", "ed@newsroom.example", "pw")
    client.force_login(user)
    return client


def test_the_edit_form_and_listing_work(editor_client, stories):
    issue = make_issue(stories)
    assert editor_client.get(f"{ISSUES}add/").status_code == 200
    edit = editor_client.get(f"{ISSUES}edit/{issue.pk}/")
    assert edit.status_code == 200
    assert "Mark story links as coming from the newsletter" in edit.content.decode()
    listing = editor_client.get(ISSUES)
    assert "Budget week" in listing.content.decode()
    assert f"send/{issue.pk}/" in listing.content.decode()
    assert editor_client.get("/admin/newsletter_lists/").status_code == 200


def test_preview_shows_the_message_exactly_as_sent(editor_client, stories):
    make_subscriber("reader@example.org")
    issue = make_issue(stories)
    revision = issue.save_revision()
    html = editor_client.get(f"{ISSUES}history/{issue.pk}/revisions/{revision.pk}/view/")
    assert html.status_code == 200
    preview_text = issue.make_preview_request(preview_mode="text").content.decode()
    assert "Subject: Budget week" in preview_text and "Council tax to rise" in preview_text

    NewsletterIssue.objects.filter(pk=issue.pk).update(status="scheduled", send_at=timezone.now())
    sending.send_due()
    sent = mail.outbox[0]
    sent_html = next(body for body, kind in sent.alternatives if kind == "text/html")
    # Same bodies but for the reader's own links.
    strip = __import__("re").compile(r"http://testserver/newsletters/\w+/[^\"\s]+/")
    assert strip.sub("LINK", html.content.decode()) == strip.sub("LINK", sent_html)
    assert strip.sub("LINK", sent.body) in strip.sub("LINK", preview_text.replace("&#x27;", "'"))


def test_send_a_test_schedule_and_send_now(editor_client, stories):
    make_subscriber("reader@example.org")
    issue = make_issue(stories)
    page = f"{ISSUES}send/{issue.pk}/"
    assert editor_client.get(page).status_code == 200

    editor_client.post(page, {"action": "test"})
    assert [m.to for m in mail.outbox] == [["ed@newsroom.example"]]
    assert mail.outbox[0].subject == "[Test] Budget week"
    assert "/newsletters/preferences/sample/" in mail.outbox[0].body
    issue.refresh_from_db()
    assert issue.status == "draft"

    past = editor_client.post(page, {"action": "schedule", "send_at": "2020-01-01 08:00"})
    assert past.status_code == 400
    later = timezone.localtime() + timedelta(days=1)
    editor_client.post(page, {"action": "schedule", "send_at": later.strftime("%Y-%m-%d %H:%M")})
    issue.refresh_from_db()
    assert issue.status == "scheduled" and issue.send_at > timezone.now()
    assert sending.send_due().sent == 0

    editor_client.post(page, {"action": "now"})
    assert sending.send_due().sent == 1
    issue.refresh_from_db()
    assert issue.status == "sent"
    # Counts per issue in the listing; a sent issue cannot go again.
    listing = editor_client.get(ISSUES).content.decode()
    assert "Sent" in listing
    editor_client.post(page, {"action": "now"})
    assert sending.send_due().sent == 0
    assert len(mail.outbox) == 2
    lists = editor_client.get("/admin/newsletter_lists/").content.decode()
    assert "Budget week" in lists


def test_only_editors_may_send(client, django_user_model, stories):
    user = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    client.force_login(user)
    issue = make_issue(stories)
    assert client.post(f"{ISSUES}send/{issue.pk}/", {"action": "now"}).status_code in (302, 403)
    issue.refresh_from_db()
    assert issue.status == "draft"


def test_the_editors_group_may_send(django_user_model, stories):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("edna", "edna@newsroom.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    assert user.has_perm("newsletters.change_newsletterissue")


def issue_form(stories, subject="Made in the editor"):
    return {
        "subject": subject,
        "intro": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Hello readers", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "top_stories-count": "2",
        "top_stories-0-type": "story",
        "top_stories-0-value": str(stories["other"].pk),
        "top_stories-0-deleted": "",
        "top_stories-0-order": "0",
        "top_stories-1-type": "story",
        "top_stories-1-value": str(stories["lead"].pk),
        "top_stories-1-deleted": "",
        "top_stories-1-order": "1",
        "sections-count": "0",
        "include_latest": "on",
        "latest_limit": "5",
    }


def test_editors_build_an_issue_and_preview_it_live(editor_client, stories):
    data = issue_form(stories)
    preview = editor_client.post(f"{ISSUES}preview/", data)
    assert preview.json()["is_valid"], preview.content
    for mode, expected in (("html", "<h2"), ("text", "Subject: Made in the editor")):
        shown = editor_client.get(f"{ISSUES}preview/?mode={mode}").content.decode()
        assert expected in shown
        # Top stories in the editor's order, then the latest not already picked.
        assert shown.index("NHS trusts merge") < shown.index("Council tax to rise")
        assert shown.index("Council tax to rise") < shown.index("Mayor opens new depot")
        assert "Hello readers" in shown

    created = editor_client.post(f"{ISSUES}add/", data)
    assert created.status_code == 302, created.content.decode()[:3000]
    issue = NewsletterIssue.objects.get(subject="Made in the editor")
    assert [block.value.pk for block in issue.top_stories] == [
        stories["other"].pk,
        stories["lead"].pk,
    ]
    assert issue.revisions.count() == 1


def test_a_sent_issue_can_be_copied_into_a_new_draft(editor_client, stories):
    issue = make_issue(stories)
    NewsletterIssue.objects.filter(pk=issue.pk).update(status="sent")
    copy = editor_client.get(f"{ISSUES}copy/{issue.pk}/")
    assert copy.status_code == 200
    assert "Budget week" in copy.content.decode()
