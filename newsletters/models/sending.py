"""Sends: one issue or topic digest going out to a list, one Delivery row per recipient."""

from django.db import models
from django.utils import timezone


class Send(models.Model):
    """One mailing to one list. The message bodies are rendered once when it starts (with
    placeholders for each reader's own links), so a resumed send mails what the first
    run did."""

    SENDING = "sending"
    DONE = "done"
    STATUS_CHOICES = [(SENDING, "Sending"), (DONE, "Sent")]

    issue = models.OneToOneField(
        "newsletters.NewsletterIssue",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="send",
    )
    mailing_list = models.ForeignKey(
        "newsletters.MailingList", on_delete=models.CASCADE, related_name="sends"
    )
    subject = models.CharField(max_length=200)
    html_body = models.TextField()
    text_body = models.TextField()
    item_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=SENDING)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.subject} ({self.mailing_list})"


class Delivery(models.Model):
    """One recipient of one send. Unique per send and subscriber, so no run can mail a
    reader twice. A run claims a batch, marks each message `sending` just before handing
    it to the server and `sent` when the server takes it, so after a crash the one
    message that may or may not have left is known: it becomes `unknown`, not sent again."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    UNKNOWN = "unknown"
    STATUS_CHOICES = [
        (PENDING, "Waiting"),
        (CLAIMED, "Claimed by a run"),
        (SENDING, "Being sent"),
        (SENT, "Sent"),
        (FAILED, "Refused"),
        (SKIPPED, "Not sent: unsubscribed or erased before its turn"),
        (UNKNOWN, "Unknown (the sender stopped while sending it)"),
    ]
    IN_PROGRESS = (PENDING, CLAIMED, SENDING)

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    # Kept (without the reader) when a subscriber's data is erased, so counts stay right.
    subscriber = models.ForeignKey(
        "newsletters.Subscriber",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    updated = models.DateTimeField(default=timezone.now)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="one_delivery_per_reader")
        ]
        indexes = [models.Index(fields=["send", "status", "id"], name="newsletters_delivery_queue")]

    def __str__(self):
        return f"Delivery {self.pk}: {self.get_status_display()}"


class SenderLease(models.Model):
    """Only one sender runs at a time (cron starts one a minute; a big send takes longer).

    A run holds the lease and renews it after every batch; a crashed run's lease expires
    and the next run takes over.
    """

    name = models.CharField(max_length=40, primary_key=True)
    holder = models.CharField(max_length=64)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} held by {self.holder} until {self.expires_at:%H:%M:%S}"
