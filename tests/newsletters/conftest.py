"""Fixtures for newsletter tests: stories to send, subscribers, a real local SMTP server."""

import pytest

from scripts.smtp_sink import SmtpSink
from tests import factories


@pytest.fixture
def stories(news_section):
    topic = factories.make_topic("Local government")
    return {
        "topic": topic,
        "old": factories.make_article(
            title="Last week's budget", topics=[topic], when=factories.days_ago(5)
        ),
        "lead": factories.make_article(
            title="Council tax to rise", topics=[topic], when=factories.days_ago(2)
        ),
        "fresh": factories.make_article(title="Mayor opens new depot", topics=[topic]),
        "other": factories.make_article(title="NHS trusts merge"),
    }


@pytest.fixture
def smtp(settings):
    """Django's SMTP backend pointed at a local server that refuses bounce@… (550) and
    defers busy@… (451)."""
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield sink
