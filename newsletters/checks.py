"""Configuration checks: a wrong alert time fails `manage.py check`, not the 7 a.m. run."""

import re

from django.conf import settings
from django.core.checks import Error, register

TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


@register()
def alert_time_is_a_time(app_configs, **kwargs):
    if TIME.fullmatch(settings.NEWSLETTER_ALERT_TIME):
        return []
    return [
        Error(
            "NEWSLETTER_ALERT_TIME must be HH:MM (24-hour), "
            f"not {settings.NEWSLETTER_ALERT_TIME!r}",
            id="newsletters.E001",
        )
    ]
