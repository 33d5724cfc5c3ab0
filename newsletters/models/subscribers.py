"""Who gets which email: the lists, confirmed subscribers, and sign-ups awaiting confirmation."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone


class MailingListQuerySet(models.QuerySet):
    def briefing(self):
        """The daily briefing list (made on first use)."""
        found, _ = self.get_or_create(kind=MailingList.BRIEFING, topic=None)
        return found

    def in_order(self):
        """The daily briefing first, then topic alerts by topic name."""
        return self.select_related("topic").order_by("-kind", "topic__name")


class MailingList(models.Model):
    """What a reader can subscribe to: the daily briefing, or one topic's alerts."""

    BRIEFING = "briefing"
    TOPIC = "topic"
    KIND_CHOICES = [(BRIEFING, "Daily briefing"), (TOPIC, "Topic alert")]

    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    topic = models.OneToOneField(
        "cms.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="alert_list"
    )
    # Topic alerts: the cut-off of the last digest made (the next one lists what came
    # after it), and the day it was last looked at, so one check a day is enough.
    last_alert_at = models.DateTimeField(null=True, blank=True)
    alert_checked_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = MailingListQuerySet.as_manager()

    class Meta:
        verbose_name = "newsletter list"
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="briefing"), name="one_daily_briefing"
            ),
            models.CheckConstraint(
                condition=Q(kind="briefing", topic__isnull=True)
                | Q(kind="topic", topic__isnull=False),
                name="topic_alerts_have_a_topic",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if self.kind == self.BRIEFING:
            return "Daily briefing"
        return f"{self.topic.name} alerts"

    @property
    def description(self):
        if self.kind == self.BRIEFING:
            return "The morning's essential public sector news, every weekday."
        return f"A digest of what we published on {self.topic.name}, when there is something new."


class Subscriber(models.Model):
    """A reader who confirmed their address by following the emailed link.

    `key` is what personal links carry (signed): never the address, never the row number.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Stored case-folded, so one address is one subscriber however it is typed.
    email = models.EmailField(max_length=254, unique=True)
    created = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Hard delivery failures in a row; reset by a delivery that succeeds.
    hard_failures = models.PositiveSmallIntegerField(default=0)
    lists = models.ManyToManyField(MailingList, through="Subscription", related_name="subscribers")

    class Meta:
        ordering = ["created"]

    def __str__(self):
        return f"Subscriber {self.key}"

    @property
    def active_subscriptions(self):
        return self.subscriptions.filter(unsubscribed_at__isnull=True)


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(unsubscribed_at__isnull=True, subscriber__confirmed_at__isnull=False)


class Subscription(models.Model):
    """One subscriber on one list; unsubscribing keeps the row (for the counts) with a date."""

    BY_READER = "reader"
    BY_ONE_CLICK = "one-click"
    BY_FAILURES = "failures"
    ENDED_BY_CHOICES = [
        (BY_READER, "The reader (preferences or unsubscribe page)"),
        (BY_ONE_CLICK, "The reader's mail program (one-click unsubscribe)"),
        (BY_FAILURES, "Repeated delivery failures"),
    ]

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created = models.DateTimeField(default=timezone.now)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    ended_by = models.CharField(max_length=10, choices=ENDED_BY_CHOICES, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "mailing_list"], name="one_subscription_per_list"
            )
        ]

    def __str__(self):
        return f"{self.subscriber} on {self.mailing_list}"


class PendingSubscription(models.Model):
    """A sign-up waiting for its confirmation link to be followed.

    The link carries only this record's random id, signed and timed; confirming turns it
    into a subscriber and deletes it, so a link works once.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(max_length=254, db_index=True)
    list_ids = models.JSONField(default=list)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "sign-up waiting for confirmation"

    def __str__(self):
        return f"Sign-up waiting since {self.created:%Y-%m-%d %H:%M}"
