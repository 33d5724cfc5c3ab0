"""Double opt-in: sign up from the footer or /newsletters/, confirm once, no enumeration."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from newsletters.models import MailingList, PendingSubscription, Subscriber, Subscription
from tests import factories
from tests.newsletters.helpers import confirm_path, make_subscriber, sign_up

pytestmark = pytest.mark.django_db


def test_every_page_has_the_footer_form_and_the_signup_page_lists_topics(client, content):
    home = client.get("/")
    assert b'action="/newsletters/subscribe/"' in home.content
    assert b'id="footer-signup-email"' in home.content
    page = client.get("/newsletters/")
    assert page.status_code == 200
    assert "Local government" in page.content.decode()
    # No reader's token in either: both stay in the shared page cache.
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert not page.cookies


def test_nothing_but_the_confirmation_is_sent_until_the_link_is_followed(
    client, content, django_capture_on_commit_callbacks
):
    topic = content["topic"]
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "Ada@Example.org", topics=[topic.slug])
    assert response.status_code == 302
    assert response["Location"] == "/newsletters/check-your-email/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Daily briefing" in message.body and "Local government alerts" in message.body
    assert not Subscriber.objects.exists()
    path = confirm_path()
    # The link names a random id, never the address.
    assert "ada" not in path.lower() and "example" not in path

    # Following the link shows a button: a mail scanner's GET confirms nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert not Subscriber.objects.exists()

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ada@example.org" and subscriber.confirmed_at
    names = {s.mailing_list.name for s in subscriber.active_subscriptions}
    assert names == {"Daily briefing", "Local government alerts"}
    # The link works once.
    again = client.post(path)
    assert again.status_code == 410
    assert client.get(path).status_code == 410
    assert Subscription.objects.count() == 2


def test_the_link_expires(client, site, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    path = confirm_path()
    settings.NEWSLETTER_CONFIRM_HOURS = 0
    response = client.post(path)
    assert response.status_code == 410
    assert b"expired" in response.content
    assert not Subscriber.objects.exists()


def test_tampered_links_are_refused(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    path = confirm_path()
    assert client.post(path[:-3] + "x/").status_code == 400
    assert client.get("/newsletters/confirm/not-a-key/").status_code == 400
    assert client.get("/newsletters/unsubscribe/junk/").status_code == 400
    assert client.get("/newsletters/preferences/junk/").status_code == 400
    assert not Subscriber.objects.exists()


def test_same_answer_whether_or_not_the_address_is_subscribed(
    client, site, django_capture_on_commit_callbacks
):
    make_subscriber("known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = sign_up(client, "known@example.org")
        unknown = sign_up(client, "new@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    # Both get a confirmation link; the subscriber's lists change only when it is followed.
    assert sorted(m.to[0] for m in mail.outbox) == ["known@example.org", "new@example.org"]


def test_confirming_brings_back_an_unsubscribed_list(
    client, site, django_capture_on_commit_callbacks
):
    subscriber = make_subscriber("back@example.org")
    Subscription.objects.update(unsubscribed_at=timezone.now(), ended_by="reader")
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "back@example.org")
    client.post(confirm_path())
    assert subscriber.active_subscriptions.count() == 1
    assert not PendingSubscription.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "ada@example.org"},  # no list ticked
        {"email": "not an address", "briefing": "on"},
        {"email": "a" * 250 + "@example.org", "briefing": "on"},
        {"email": "ada\x00@example.org", "briefing": "on"},
        {"email": "ada@example.org", "topics": ["no-such-topic"]},
        {"email": "ada@example.org", "topics": ["\x00"]},
        {"email": "", "briefing": "on", "junk": "x" * 5000},
        {},
    ],
)
def test_bad_input_is_a_form_error(client, content, data):
    response = client.post("/newsletters/subscribe/", data)
    assert response.status_code == 400
    if not any("\x00" in "".join(value) for value in data.values()):  # cms.http refuses NUL first
        assert b"There is a problem with your sign-up" in response.content
    assert not PendingSubscription.objects.exists()
    assert not mail.outbox


def test_get_and_other_methods_on_subscribe_are_refused(client, site):
    assert client.get("/newsletters/subscribe/").status_code == 405
    assert client.put("/newsletters/subscribe/").status_code == 405


def test_a_topic_made_later_gets_its_alert_list(site):
    topic = factories.make_topic("Procurement")
    assert MailingList.objects.get(topic=topic).name == "Procurement alerts"


def test_rate_limited_per_address_and_per_reader_network(client, site, settings, caplog):
    settings.NEWSLETTER_SIGNUPS_PER_EMAIL = 2
    settings.NEWSLETTER_SIGNUPS_PER_IP = 3
    for _ in range(2):
        assert sign_up(client, "same@example.org").status_code == 302
    with caplog.at_level("WARNING", logger="cms.refusals"):
        refused = sign_up(client, "same@example.org")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    logged = [r for r in caplog.records if r.name == "cms.refusals"]
    assert [(r.getMessage(), r.limit) for r in logged] == [
        ("newsletter_signup_rate_limited", "email")
    ]
    assert "same@" not in caplog.text
    # Three sign-ups from one IPv6 /64 (different addresses inside it) use up its limit.
    for n in range(3):
        assert (
            sign_up(client, f"r{n}@example.org", REMOTE_ADDR=f"2001:db8::{n + 1}").status_code
            == 302
        )
    assert sign_up(client, "r9@example.org", REMOTE_ADDR="2001:db8::ffff").status_code == 429
    assert sign_up(client, "r9@example.org", REMOTE_ADDR="2001:db8:0:1::1").status_code == 302
    assert PendingSubscription.objects.count() == 6


def test_expired_signups_are_forgotten(site):
    from newsletters.subscribing import purge_expired_signups

    PendingSubscription.objects.create(email="old@example.org", list_ids=[])
    PendingSubscription.objects.update(created=timezone.now() - timedelta(days=3))
    PendingSubscription.objects.create(email="new@example.org", list_ids=[])
    assert purge_expired_signups() == 1
    assert list(PendingSubscription.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_signed_values_of_the_wrong_shape_are_refused(client, site):
    from django.core import signing

    from newsletters import links

    def signed(salt, value):
        return signing.TimestampSigner(salt=salt).sign_object(value)

    odd = "z" * 32
    assert (
        client.get(f"/newsletters/confirm/{signed(links.CONFIRM_SALT, {'p': odd})}/").status_code
        == 400
    )
    assert client.get(f"/newsletters/confirm/{signed(links.CONFIRM_SALT, [1])}/").status_code == 400
    bad_list = signed(links.UNSUBSCRIBE_SALT, {"s": "a" * 32, "l": 2**70})
    assert client.post(f"/newsletters/unsubscribe/{bad_list}/").status_code == 400
    bad_key = signed(links.PREFERENCES_SALT, {"s": odd})
    assert client.get(f"/newsletters/preferences/{bad_key}/").status_code == 400
    # A link of one kind is no good as another.
    other_kind = signed(links.PREFERENCES_SALT, {"s": "a" * 32, "l": 1})
    assert client.post(f"/newsletters/unsubscribe/{other_kind}/").status_code == 400
