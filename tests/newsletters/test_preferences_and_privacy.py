"""Preferences from the signed link in every message; export and erase commands."""

import json
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from lxml import html

from newsletters import links, sending
from newsletters.models import Delivery, MailingList, PendingSubscription, Subscriber
from tests.newsletters.helpers import make_subscriber
from tests.newsletters.test_sending import make_issue, schedule

pytestmark = pytest.mark.django_db

PREFERENCES_LINK = re.compile(r"http://testserver(/newsletters/preferences/[^/\s]+/)")


@pytest.fixture
def reader(stories):
    alerts = MailingList.objects.get(topic=stories["topic"])
    return make_subscriber("reader@example.org", lists=[MailingList.objects.briefing(), alerts])


def test_preferences_from_the_link_in_a_message(client, stories, reader):
    schedule(make_issue(stories))
    sending.send_due()
    path = PREFERENCES_LINK.search(mail.outbox[0].body).group(1)
    assert "reader" not in path

    page = client.get(path)
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex" and "no-store" in page["Cache-Control"]
    ticked = html.fromstring(page.content).xpath("//main//input[@checked]/@name")
    assert sorted(ticked) == ["briefing", "topics"]

    # Keep only the topic alert.
    saved = client.post(path, {"topics": [stories["topic"].slug]})
    assert saved.status_code == 200
    assert [s.mailing_list.kind for s in reader.active_subscriptions] == ["topic"]

    client.post(path, {"unsubscribe_all": "1"})
    assert not reader.active_subscriptions.exists()
    # Junk is a form error, not a 500.
    assert client.post(path, {"topics": ["\x00", "nope"]}).status_code == 400


def test_the_unsubscribe_page_unsubscribes_only_on_post(client, stories, reader):
    briefing = MailingList.objects.briefing()
    path = links.unsubscribe_path(reader, briefing)
    assert client.get(path).status_code == 200
    assert reader.active_subscriptions.count() == 2
    done = client.post(path)
    assert done.status_code == 200 and b"You have unsubscribed" in done.content
    assert [s.mailing_list for s in reader.active_subscriptions] == [
        MailingList.objects.get(topic=stories["topic"])
    ]


def test_sample_links_from_previews_say_so(client, site):
    response = client.get(links.sample_path())
    assert response.status_code == 200
    assert b"test message" in response.content


def test_export_and_erase(stories, reader, tmp_path):
    PendingSubscription.objects.create(email="reader@example.org", list_ids=[])
    schedule(make_issue(stories))
    sending.send_due()
    output = tmp_path / "export.json"
    call_command(
        "export_subscriber_data", "Reader@Example.org", output=str(output), stderr=StringIO()
    )
    data = json.loads(output.read_text())
    assert data["subscriber"]["confirmed"]
    assert {entry["list"] for entry in data["subscriber"]["lists"]} == {
        "Daily briefing",
        "Local government alerts",
    }
    assert data["subscriber"]["messages"][0]["subject"] == "Budget week"
    assert len(data["sign_ups_waiting_for_confirmation"]) == 1

    out = StringIO()
    call_command("erase_subscriber_data", "reader@example.org", "--noinput", stdout=out)
    assert "1 subscriber, 2 subscriptions, 1 sign-ups" in out.getvalue()
    assert not Subscriber.objects.exists() and not PendingSubscription.objects.exists()
    # The send's counts keep the delivery, now without anyone's name on it.
    assert Delivery.objects.exists()
    assert not Delivery.objects.filter(subscriber__isnull=False).exists()
    empty = StringIO()
    call_command("export_subscriber_data", "reader@example.org", stdout=empty)
    assert json.loads(empty.getvalue())["subscriber"] is None


def test_erase_asks_first_and_refuses_non_addresses(site, monkeypatch):
    make_subscriber("keep@example.org")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError):
        call_command("erase_subscriber_data", "keep@example.org")
    assert Subscriber.objects.exists()
    with pytest.raises(Exception, match="valid email"):
        call_command("export_subscriber_data", "not an email")
