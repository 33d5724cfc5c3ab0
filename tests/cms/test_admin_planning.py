"""The planning view and the dashboard's newsroom panels."""

from datetime import timedelta

from django.utils import timezone
from lxml import html
from wagtail.models import Workflow

from tests import factories
from tests.cms.test_workflow import user_in


def schedule(article, hours):
    revision = article.save_revision()
    revision.approved_go_live_at = timezone.now() + timedelta(hours=hours)
    revision.save()


def texts(content, xpath):
    """The text of each element found, cells of a row separated by a space."""
    return [
        " ".join(" ".join(el.xpath(".//text()")).split())
        for el in html.fromstring(content).xpath(xpath)
    ]


def test_planning_lists_the_next_fourteen_days_and_what_waits_for_review(client, news_section):
    editor = user_in("Editors", "eddie")
    writer = user_in("Writers", "wendy")
    soon = factories.make_article(title="Budget at noon tomorrow", publish=False)
    schedule(soon, 24)
    later = factories.make_article(title="Too far ahead", publish=False)
    schedule(later, 24 * 20)
    expiring = factories.make_article(title="Election live blog")
    expiring.expire_at = timezone.now() + timedelta(days=3)
    expiring.save()
    waiting = factories.make_article(title="Bins collected fortnightly", publish=False)
    Workflow.objects.get(name="Editorial review").start(waiting, writer)
    client.force_login(editor)

    response = client.get("/admin/planning/")

    assert response.status_code == 200
    rows = texts(response.content, "//table[@id='planning-list']/tbody/tr")
    assert len(rows) == 2
    assert rows[0].endswith("Goes live Budget at noon tomorrow System")
    assert rows[1].endswith("Expires Election live blog")
    assert "Too far ahead" not in response.content.decode()
    calendar = " ".join(texts(response.content, "//table[@id='planning-calendar']//td"))
    assert "goes live: Budget at noon tomorrow" in calendar
    assert "expires: Election live blog" in calendar
    [review] = texts(response.content, "//table[@id='planning-reviews']/tbody/tr")
    assert review.startswith("Bins collected fortnightly") and "minute" in review


def test_the_dashboard_counts_drafts_reviews_schedule_and_waiting_comments(client, news_section):
    editor = user_in("Editors", "eddie")
    for n in range(3):
        draft = factories.make_article(title=f"Draft {n}", publish=False)
        draft.owner = editor
        draft.save()
    schedule(factories.make_article(title="Scheduled story", publish=False), 5)
    factories.make_comment(factories.make_article(title="Commented"), "Is this spam?")
    client.force_login(editor)

    content = client.get("/admin/").content.decode()

    headings = texts(content, "//section[contains(@class, 'w-panel--dashboard')]//h2")
    assert "My drafts (3)" in headings
    assert "Awaiting my review (0)" in headings
    assert "Scheduled (1)" in headings
    assert "Comments waiting for review (1)" in headings
    assert "Ada Reader: Is this spam?" in content
