"""Email off the request path: queued after commit, sent by the worker exactly once.

Exactly once: each email is queued with a fresh key. The task sends nothing if a SentEmail
row has that key, and writes the row right after the mail server accepted the message. A
worker killed before that row was written leaves its task running; `requeue_stale` puts it
back and it is sent then. Only a kill in the instant between the server's "250 OK" and that
row's commit can send it twice, and both copies carry the same Message-ID (made from the
key), so a mail client shows one.
"""

import logging
import uuid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError
from django_tasks import task

from background.models import SentEmail
from background.queue import enqueue_after_commit, retrying

logger = logging.getLogger(__name__)


@task(takes_context=True)
@retrying(OSError)  # OSError includes every smtplib error and a refused connection
def send_email(key, subject, body, to, about):
    """Send one email unless the one with this key was sent already."""
    if SentEmail.objects.filter(key=key).exists():
        return "sent already"
    message = EmailMessage(subject, body, None, [to], headers={"Message-ID": message_id(key)})
    try:
        message.send()
    except OSError as error:
        # The error's name only: smtplib's messages can quote the recipient's address.
        logger.error("Could not send the email about %s: %s", about, type(error).__name__)
        raise
    try:
        SentEmail.objects.create(key=key, about=about[:255])
    except IntegrityError:  # a second run raced this one past the check: sent twice
        logger.error("The email about %s was sent twice", about)
    return "sent"


def message_id(key):
    """The Message-ID of the email queued with `key`: the same on every attempt."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<{key}@{domain}>"


def send_after_commit(subject, body, to, about):
    """Queue one email to `to`, to be sent once the current transaction has committed.

    about: which record the email is about, for the log (never the address).
    """
    key = uuid.uuid4().hex
    enqueue_after_commit(send_email, key, subject, body, to, about)
    return key
