"""Settings for a real worker process in tests: the test settings, a database file given by
DATABASE_URL, and real SMTP to the port in TEST_SMTP_PORT (a sink the test runs)."""

import os

from cms.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("TEST_SMTP_PORT", "25"))
EMAIL_TIMEOUT = 10
