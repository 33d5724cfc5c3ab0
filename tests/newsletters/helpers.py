"""Shared steps of newsletter tests: sign up, follow the emailed link, make a subscriber."""

import re

from django.core import mail
from django.utils import timezone

from newsletters.models import MailingList, Subscriber, Subscription

CONFIRM_LINK = re.compile(r"http://testserver(/newsletters/confirm/[^/\s]+/)")


def sign_up(client, email="ada@example.org", briefing=True, topics=(), **extra):
    data = {"email": email, "topics": list(topics)}
    if briefing:
        data["briefing"] = "on"
    return client.post("/newsletters/subscribe/", data, **extra)


def confirm_path(message=None):
    message = message or mail.outbox[-1]
    return CONFIRM_LINK.search(message.body).group(1)


def make_subscriber(email, lists=None):
    """A confirmed subscriber on these lists (the daily briefing by default)."""
    subscriber = Subscriber.objects.create(email=email, confirmed_at=timezone.now())
    for mailing_list in lists or [MailingList.objects.briefing()]:
        Subscription.objects.create(subscriber=subscriber, mailing_list=mailing_list)
    return subscriber
