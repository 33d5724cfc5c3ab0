"""Signing up (double opt-in), confirming, changing lists and unsubscribing."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from newsletters import links
from newsletters.models import (
    Delivery,
    MailingList,
    PendingSubscription,
    Subscriber,
    Subscription,
)
from newsletters.rendering import from_email, publication_name


def normalise_email(email):
    """One spelling per address: surrounding spaces dropped, case folded."""
    return email.strip().lower()


def request_subscription(email, mailing_lists):
    """Keep the sign-up and email its confirmation link (after the transaction commits).

    The same whether or not the address is subscribed already: the reader who follows the
    link gets these lists added; nobody learns from the answer who is on a list.
    """
    pending = PendingSubscription.objects.create(
        email=normalise_email(email), list_ids=sorted(ml.pk for ml in mailing_lists)
    )
    names = [ml.name for ml in mailing_lists]
    transaction.on_commit(lambda: _send_confirmation(pending, names))
    return pending


def _send_confirmation(pending, names):
    context = {
        "confirm_url": links.absolute(links.confirm_path(pending)),
        "lists": names,
        "hours": settings.NEWSLETTER_CONFIRM_HOURS,
        "publication": publication_name(),
    }
    send_mail(
        subject=f"Confirm your subscription to {context['publication']}",
        message=render_to_string("newsletters/email/confirm.txt", context),
        from_email=from_email(),
        recipient_list=[pending.email],
    )


@transaction.atomic
def confirm(pending_id):
    """Turn a sign-up into subscriptions; the sign-up goes, so its link works once.

    Returns the subscriber, or None when the sign-up is gone (used, or erased).
    """
    pending = PendingSubscription.objects.select_for_update().filter(pk=pending_id).first()
    if pending is None:
        return None
    now = timezone.now()
    subscriber, _ = Subscriber.objects.get_or_create(email=pending.email)
    subscriber.confirmed_at = now
    subscriber.hard_failures = 0
    subscriber.save(update_fields=["confirmed_at", "hard_failures"])
    subscribe(subscriber, MailingList.objects.filter(pk__in=pending.list_ids))
    # Every open sign-up for this address is answered by this one confirmation.
    PendingSubscription.objects.filter(email=pending.email).delete()
    return subscriber


def subscribe(subscriber, mailing_lists):
    for mailing_list in mailing_lists:
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber, mailing_list=mailing_list
        )
        if not created and subscription.unsubscribed_at:
            subscription.unsubscribed_at, subscription.ended_by = None, ""
            subscription.created = timezone.now()
            subscription.save(update_fields=["unsubscribed_at", "ended_by", "created"])


def unsubscribe(subscriber, mailing_lists, ended_by=Subscription.BY_READER):
    """End these subscriptions (already ended ones keep their date); how many ended."""
    return Subscription.objects.filter(
        subscriber=subscriber, mailing_list__in=mailing_lists, unsubscribed_at__isnull=True
    ).update(unsubscribed_at=timezone.now(), ended_by=ended_by)


def unsubscribe_all(subscriber, ended_by=Subscription.BY_READER):
    return unsubscribe(subscriber, MailingList.objects.all(), ended_by=ended_by)


@transaction.atomic
def unsubscribe_from_link(key, ended_by):
    """Apply an unsubscribe link (idempotent). Returns (subscriber, list) or (None, None)
    when the subscriber or list no longer exists. Raises links.BadLink."""
    subscriber_key, list_id, delivery_id = links.unsubscribe_value(key)
    subscriber = Subscriber.objects.filter(key=subscriber_key).first()
    mailing_list = MailingList.objects.select_related("topic").filter(pk=list_id).first()
    if subscriber is None or mailing_list is None:
        return None, None
    if unsubscribe(subscriber, [mailing_list], ended_by=ended_by) and delivery_id:
        Delivery.objects.filter(
            pk=delivery_id, subscriber=subscriber, unsubscribed_at__isnull=True
        ).update(unsubscribed_at=timezone.now())
    return subscriber, mailing_list


def set_lists(subscriber, wanted):
    """Make the subscriber's active lists exactly `wanted`."""
    wanted = list(wanted)
    subscribe(subscriber, wanted)
    unsubscribe(subscriber, MailingList.objects.exclude(pk__in=[ml.pk for ml in wanted]))


def purge_expired_signups():
    """Forget sign-ups whose confirmation link has expired; returns how many went."""
    cutoff = timezone.now() - timedelta(hours=settings.NEWSLETTER_CONFIRM_HOURS)
    deleted, _ = PendingSubscription.objects.filter(created__lt=cutoff).delete()
    return deleted
