"""Emails to moderators, and the real host name for links in every comment email."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from comments import rules

logger = logging.getLogger(__name__)


def root_url(page=None):
    """Scheme, host and port of the page's Wagtail site (else the default site)."""
    site = page.get_site() if page is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def notify_moderators(comment, reason):
    """Tell moderators a comment is waiting for review, if the site setting asks for it."""
    page = comment.content_object
    comment_settings = rules.settings_for(page)
    if not (comment_settings.notify_moderators and comment_settings.moderator_email):
        return
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "reader_comments:inspect", args=[comment.pk]
    )
    context = {"comment": comment, "page": page, "reason": reason, "review_url": review_url}
    subject = f"Comment waiting for review on “{page.title}”"
    body = render_to_string("comments/email/moderator_notification.txt", context)
    try:
        send_mail(subject, body, None, [comment_settings.moderator_email])
    except OSError:
        # The comment is safely stored and listed in the admin; a mail outage must not
        # turn the reader's post into an error.
        logger.exception("Could not email moderators about comment %s", comment.pk)
