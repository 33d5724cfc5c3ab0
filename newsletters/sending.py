"""Sending newsletters off the request path: due issues and topic alerts, in batches.

`send_due()` is the whole job (the `send_newsletters` command runs it from cron every
minute; a task worker can call it the same way). One run at a time holds the sender
lease. Each send's recipients are Delivery rows made when it starts; a batch is claimed,
sent over one SMTP connection, each message marked `sending` just before it goes and `sent`
as soon as the server takes it. After a crash the next run marks the one message that was
in flight `unknown` (it may have left) and carries on with the rest: nobody gets a message
twice.
"""

import logging
import smtplib
import uuid
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from cms.models import ContentPage
from newsletters import links, rendering
from newsletters.models import (
    Delivery,
    MailingList,
    NewsletterIssue,
    Send,
    SenderLease,
    Subscriber,
    Subscription,
)
from newsletters.subscribing import unsubscribe_all

logger = logging.getLogger(__name__)

LEASE_NAME = "newsletters"
ALERT_ITEMS = 20


@dataclass
class Report:
    """What one run did, for the command's output."""

    started: list = field(default_factory=list)
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    unknown: int = 0
    busy: bool = False
    stopped: str = ""

    def __str__(self):
        if self.busy:
            return "Another sender is running; nothing done."
        text = f"Sent {self.sent}, refused {self.failed}, to retry {self.deferred}"
        if self.unknown:
            text += f", {self.unknown} left unknown by a stopped run"
        if self.started:
            text += ". Started: " + "; ".join(self.started)
        if self.stopped:
            text += f". Stopped early: {self.stopped}"
        return text + "."


class Lease:
    """The sender lease: held by one run, renewed after each batch."""

    def __init__(self):
        self.holder = uuid.uuid4().hex
        self.took_over = False

    def _until(self):
        return timezone.now() + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)

    def acquire(self):
        now = timezone.now()
        # Compare-and-set in one UPDATE: only an expired lease can be taken over.
        if SenderLease.objects.filter(name=LEASE_NAME, expires_at__lte=now).update(
            holder=self.holder, expires_at=self._until()
        ):
            self.took_over = True
            return True
        try:
            with transaction.atomic():
                SenderLease.objects.create(
                    name=LEASE_NAME, holder=self.holder, expires_at=self._until()
                )
        except IntegrityError:
            return False
        return True

    def renew(self):
        SenderLease.objects.filter(name=LEASE_NAME, holder=self.holder).update(
            expires_at=self._until()
        )

    def release(self):
        SenderLease.objects.filter(name=LEASE_NAME, holder=self.holder).delete()


def send_due(now=None, connection=None):
    """Start what is due (scheduled issues, topic alerts at their time) and send every
    unfinished send. `connection`: an email backend to use instead of a new one per batch
    (tests and the benchmark pass one)."""
    report = Report()
    lease = Lease()
    if not lease.acquire():
        report.busy = True
        return report
    report.unknown = recover_claims()
    now = now or timezone.now()
    report.started += start_due_issues(now)
    report.started += start_topic_alerts(now)
    for send in Send.objects.filter(status=Send.SENDING).select_related("mailing_list__topic"):
        if not deliver(send, report, lease, connection):
            break
    lease.release()
    return report


def recover_claims():
    """After a crashed run: the message it was handing to the server becomes `unknown`
    (it may have left), the rest of its batch waits again. Returns how many are unknown."""
    unknown = Delivery.objects.filter(status=Delivery.SENDING).update(
        status=Delivery.UNKNOWN, error="The sender stopped while sending this message."
    )
    Delivery.objects.filter(status=Delivery.CLAIMED).update(status=Delivery.PENDING)
    return unknown


def start_due_issues(now):
    started = []
    due = NewsletterIssue.objects.filter(status=NewsletterIssue.SCHEDULED, send_at__lte=now)
    for issue in due:
        with transaction.atomic():
            # Moves the issue on only if no other run did first.
            if not NewsletterIssue.objects.filter(
                pk=issue.pk, status=NewsletterIssue.SCHEDULED
            ).update(status=NewsletterIssue.SENDING):
                continue
            message = rendering.issue_message(issue, now)
            send = _open_send(MailingList.objects.briefing(), message, issue=issue)
            started.append(f"“{issue.subject}” to {send.deliveries.count()}")
    return started


def alert_time(now):
    """Today's topic alert time (NEWSLETTER_ALERT_TIME, local) for the day of `now`."""
    hours, minutes = (int(part) for part in settings.NEWSLETTER_ALERT_TIME.split(":"))
    local = timezone.localtime(now)
    return timezone.make_aware(
        datetime.combine(
            local.date(), local.time().replace(hour=hours, minute=minutes, second=0, microsecond=0)
        )
    )


def start_topic_alerts(now):
    """Once a day at the alert time: each topic list with subscribers gets a digest of
    what was published in the topic since its last one, if anything was."""
    if now < alert_time(now):
        return []
    today = timezone.localtime(now).date()
    started = []
    lists = MailingList.objects.filter(kind=MailingList.TOPIC).select_related("topic")
    for mailing_list in lists.exclude(alert_checked_on=today):
        with transaction.atomic():
            if (
                not MailingList.objects.filter(pk=mailing_list.pk)
                .exclude(alert_checked_on=today)
                .update(alert_checked_on=today)
            ):
                continue
            if not Subscription.objects.active().filter(mailing_list=mailing_list).exists():
                continue
            since = mailing_list.last_alert_at or now - rendering.LATEST_WINDOW
            new = ContentPage.objects.listed(topic=mailing_list.topic).filter(
                first_published_at__gt=since, first_published_at__lte=now
            )
            ids = list(new.values_list("pk", flat=True)[:ALERT_ITEMS])
            if not ids:
                continue
            send = _open_send(mailing_list, rendering.alert_message(mailing_list, ids))
            MailingList.objects.filter(pk=mailing_list.pk).update(last_alert_at=now)
            started.append(f"{mailing_list.name} to {send.deliveries.count()}")
    return started


def _open_send(mailing_list, message, issue=None):
    """A Send with one waiting Delivery per active subscriber of the list."""
    send = Send.objects.create(
        issue=issue,
        mailing_list=mailing_list,
        subject=message.subject,
        html_body=message.html,
        text_body=message.text,
        item_count=message.item_count,
    )
    recipients = (
        Subscription.objects.active()
        .filter(mailing_list=mailing_list)
        .order_by("subscriber_id")
        .values_list("subscriber_id", flat=True)
    )
    batch = []
    for subscriber_id in recipients.iterator(chunk_size=2000):
        batch.append(Delivery(send=send, subscriber_id=subscriber_id))
        if len(batch) == 2000:
            Delivery.objects.bulk_create(batch)
            batch = []
    Delivery.objects.bulk_create(batch)
    return send


def unsubscribe_mailto(key):
    address = settings.NEWSLETTER_UNSUBSCRIBE_EMAIL or (
        "unsubscribe@" + rendering.from_email().rsplit("@", 1)[-1].strip(">")
    )
    return f"mailto:{address}?subject={quote('unsubscribe ' + key)}"


def build_message(send, subscriber, delivery=None, connection=None, where=None):
    """One reader's message: their own links and the bulk-mail headers."""
    unsubscribe_path = links.unsubscribe_path(subscriber, send.mailing_list, delivery)
    where = where or rendering.site_address()
    unsubscribe_url = links.absolute(unsubscribe_path, where.root)
    key = unsubscribe_path.rstrip("/").rsplit("/", 1)[-1]
    message = rendering.Message(send.subject, send.html_body, send.text_body, send.item_count)
    html, text = rendering.personalise(
        message,
        rendering.Links(
            unsubscribe=unsubscribe_url,
            preferences=links.absolute(links.preferences_path(subscriber), where.root),
        ),
    )
    return _email(
        send.subject,
        html,
        text,
        subscriber.email,
        unsubscribe_url,
        unsubscribe_mailto(key),
        send.mailing_list,
        connection,
        where.domain,
    )


def _email(subject, html, text, to, unsubscribe_url, mailto, mailing_list, connection, domain):
    list_id = (
        "briefing"
        if mailing_list.kind == MailingList.BRIEFING
        else (f"topic-{mailing_list.topic.slug}")
    )
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=rendering.from_email(),
        to=[to],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>, <{mailto}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{mailing_list.name} <{list_id}.{domain}>",
            "Precedence": "bulk",
            "Auto-Submitted": "auto-generated",
        },
    )
    email.attach_alternative(html, "text/html")
    return email


def send_test(issue, to):
    """The issue as it would go now, to one editor; its links lead to a "test" page."""
    message = rendering.issue_message(issue, timezone.now())
    html, text = rendering.personalise(message, rendering.sample_links())
    sample = links.absolute(links.sample_path())
    email = _email(
        f"[Test] {message.subject}",
        html,
        text,
        to,
        sample,
        unsubscribe_mailto(links.SAMPLE),
        MailingList.objects.briefing(),
        None,
        rendering.site_address().domain,
    )
    email.send()


class ConnectionLost(Exception):
    """The SMTP server went away or refused us: stop this run, retry the rest later."""


def deliver(send, report, lease, connection=None):
    """Send the waiting deliveries of `send` in batches; False if the run must stop."""
    run_started = timezone.now()
    where = rendering.site_address()
    while True:
        ids = list(
            send.deliveries.filter(status=Delivery.PENDING, updated__lt=run_started)
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.NEWSLETTER_BATCH_SIZE]
        )
        if not ids:
            break
        Delivery.objects.filter(pk__in=ids, status=Delivery.PENDING).update(
            status=Delivery.CLAIMED, attempts=F("attempts") + 1, updated=timezone.now()
        )
        still_subscribed = Subscription.objects.active().filter(
            subscriber=OuterRef("subscriber"), mailing_list=send.mailing_list
        )
        batch = (
            Delivery.objects.filter(pk__in=ids, status=Delivery.CLAIMED)
            .annotate(still_subscribed=Exists(still_subscribed))
            .select_related("subscriber")
            .order_by("pk")
        )
        try:
            _send_batch(send, list(batch), report, connection, where)
        except ConnectionLost as exc:
            report.stopped = str(exc)
            return False
        lease.renew()
    _finish_if_done(send)
    return True


class Lane:
    """One SMTP connection and the thread that talks on it. Several lanes overlap their
    round trips; every database write stays on the run's own thread."""

    def __init__(self, connection=None):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsletter-smtp")
        self.backend = connection or get_connection()
        self.owned = connection is None
        self.opened = False

    def open(self):
        self.opened = bool(self.executor.submit(self.backend.open).result())

    def send(self, email):
        return self.executor.submit(self.backend.send_messages, [email])

    def close(self):
        if self.opened or self.owned:
            self.executor.submit(self.backend.close).result()
        self.executor.shutdown()


def _send_batch(send, batch, report, connection, where):
    """Send one claimed batch over NEWSLETTER_SMTP_CONNECTIONS connections (one if the
    caller passes its own). Each message is marked `sending` just before it is handed
    to a connection and settled when the server answers."""
    count = 1 if connection is not None else max(1, settings.NEWSLETTER_SMTP_CONNECTIONS)
    lanes = [Lane(connection) for _ in range(count)]
    in_flight = {}
    lost = []
    try:
        try:
            for lane in lanes:
                lane.open()
        except (smtplib.SMTPException, OSError) as exc:
            _put_back(batch)
            raise ConnectionLost(f"cannot reach the mail server: {exc}") from exc
        free = list(lanes)
        for delivery in batch:
            if not delivery.still_subscribed:  # unsubscribed or erased since the send began
                Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.SKIPPED)
                continue
            while not free:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    free.append(_settle(future, in_flight, report, lost))
            if lost:
                break
            email = build_message(send, delivery.subscriber, delivery, None, where)
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.SENDING)
            lane = free.pop()
            in_flight[lane.send(email)] = (delivery, lane)
        for future in list(in_flight):
            _settle(future, in_flight, report, lost)
    finally:
        for lane in lanes:
            lane.close()
    if lost:
        _put_back(batch)
        raise ConnectionLost(lost[0])


def _settle(future, in_flight, report, lost):
    """Record the server's answer to one message; returns its lane, free again."""
    delivery, lane = in_flight.pop(future)
    try:
        future.result()
    except smtplib.SMTPRecipientsRefused as exc:
        code, reason = next(iter(exc.recipients.values()), (550, b""))
        _refused(delivery, code, reason, report)
    except smtplib.SMTPResponseException as exc:
        if isinstance(exc, smtplib.SMTPSenderRefused) or exc.smtp_code == 421:
            lost.append(f"the mail server said {exc.smtp_code}")
        else:
            _refused(delivery, exc.smtp_code, exc.smtp_error, report)
    except (smtplib.SMTPException, OSError) as exc:
        lost.append(f"cannot talk to the mail server: {exc}")
    else:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.SENT, updated=timezone.now(), error=""
        )
        if delivery.subscriber.hard_failures:
            Subscriber.objects.filter(pk=delivery.subscriber_id).update(hard_failures=0)
        report.sent += 1
    return lane


def _put_back(deliveries):
    Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], status__in=[Delivery.CLAIMED, Delivery.SENDING]
    ).update(status=Delivery.PENDING)


def _refused(delivery, code, reason, report):
    """Record a refusal: a permanent one (5xx) counts towards unsubscribing the reader,
    a temporary one (4xx) is retried by later runs up to NEWSLETTER_MAX_ATTEMPTS."""
    text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
    error = f"{code} {text}"[:300]
    permanent = 500 <= int(code or 550) < 600
    if not permanent and delivery.attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.PENDING, error=error, updated=timezone.now()
        )
        report.deferred += 1
        return
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.FAILED, error=error, updated=timezone.now()
    )
    report.failed += 1
    if permanent:
        Subscriber.objects.filter(pk=delivery.subscriber_id).update(
            hard_failures=F("hard_failures") + 1
        )
        subscriber = Subscriber.objects.get(pk=delivery.subscriber_id)
        if subscriber.hard_failures >= settings.NEWSLETTER_HARD_FAILURE_LIMIT:
            unsubscribe_all(subscriber, ended_by=Subscription.BY_FAILURES)


def _finish_if_done(send):
    waiting = send.deliveries.filter(status__in=Delivery.IN_PROGRESS)
    if waiting.exists():
        return
    now = timezone.now()
    Send.objects.filter(pk=send.pk).update(status=Send.DONE, finished_at=now)
    if send.issue_id:
        NewsletterIssue.objects.filter(pk=send.issue_id).update(status=NewsletterIssue.SENT)
