"""A subscriber's personal data: export it, erase it."""

from django.db import transaction
from django.utils import timezone

from newsletters.models import PendingSubscription, Subscriber
from newsletters.subscribing import normalise_email


def export(email):
    """All we hold about an email address, as plain data ready for JSON."""
    email = normalise_email(email)
    subscriber = Subscriber.objects.filter(email=email).first()
    data = {"email": email, "exported": timezone.now().isoformat(), "subscriber": None}
    data["sign_ups_waiting_for_confirmation"] = [
        {"asked": pending.created.isoformat(), "lists": pending.list_ids}
        for pending in PendingSubscription.objects.filter(email=email).order_by("created")
    ]
    if subscriber is None:
        return data
    data["subscriber"] = {
        "subscribed": subscriber.created.isoformat(),
        "confirmed": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "delivery_failures_in_a_row": subscriber.hard_failures,
        "lists": [
            {
                "list": s.mailing_list.name,
                "since": s.created.isoformat(),
                "unsubscribed": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
                "unsubscribed_by": s.get_ended_by_display() if s.ended_by else None,
            }
            for s in subscriber.subscriptions.select_related("mailing_list__topic")
        ],
        "messages": [
            {
                "subject": d.send.subject,
                "list": d.send.mailing_list.name,
                "status": d.get_status_display(),
                "when": d.updated.isoformat(),
                "error": d.error,
            }
            for d in subscriber.deliveries.select_related("send__mailing_list__topic").order_by(
                "pk"
            )
        ],
    }
    return data


@transaction.atomic
def erase(email):
    """Delete the subscriber and their sign-ups. Their deliveries stay in the counts,
    without the reader (the rows only said which send; now they say nobody's)."""
    email = normalise_email(email)
    pending, _ = PendingSubscription.objects.filter(email=email).delete()
    subscriber = Subscriber.objects.filter(email=email).first()
    subscriptions = deliveries = 0
    if subscriber is not None:
        deliveries = subscriber.deliveries.update(subscriber=None)
        subscriptions = subscriber.subscriptions.count()
        subscriber.delete()
    return {
        "subscriber": int(subscriber is not None),
        "subscriptions": subscriptions,
        "sign-ups": pending,
        "delivery records made anonymous": deliveries,
    }
