"""Refusals worth counting: one JSON line each on the "cms.refusals" logger, and the pages
readers and staff see for them (a CSRF failure, a throttled admin sign-in).

A refusal log line carries an event name and facts about the request (method, path, status,
reason), never a person's data: no IP address, email address, user name or query string.
Other parts log there too: `log_refusal("comment_rate_limited", request, status=429)`.
"""

import json
import logging
import math
from datetime import UTC, datetime

from django.conf import settings
from django.middleware import csrf
from django.shortcuts import render

logger = logging.getLogger("cms.refusals")

# Attributes every LogRecord has; anything else on a record came from `extra` and is a fact.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, event (the message) and its facts."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update(
            (key, value) for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES
        )
        return json.dumps(entry, default=str, ensure_ascii=False)


def log_refusal(event, request=None, **facts):
    """Log one refusal: `event` names it; `facts` must hold nothing that identifies anyone."""
    if request is not None:
        facts = {"method": request.method, "path": request.path, **facts}
    logger.warning(event, extra=facts)


# Django's reasons, some of which quote the attacker's Origin or Referer, as short codes.
_CSRF_REASONS = [
    (csrf.REASON_NO_CSRF_COOKIE, "cookie_missing"),
    (csrf.REASON_CSRF_TOKEN_MISSING, "token_missing"),
    ("CSRF token from", "token_incorrect"),
    (csrf.REASON_BAD_ORIGIN.split("%")[0], "origin_mismatch"),
    (csrf.REASON_NO_REFERER, "referer_missing"),
    (csrf.REASON_MALFORMED_REFERER, "referer_malformed"),
    (csrf.REASON_INSECURE_REFERER, "referer_insecure"),
    (csrf.REASON_BAD_REFERER.split("%")[0], "referer_mismatch"),
]


def csrf_reason_code(reason):
    """A short, fixed code for Django's CSRF failure reason."""
    for prefix, code in _CSRF_REASONS:
        if reason.startswith(prefix):
            return code
    return "other"


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: our page in the site's style, with no debugging detail, logged."""
    log_refusal("csrf_failure", request, status=403, reason=csrf_reason_code(reason))
    return render(request, "403_csrf.html", status=403)


def login_locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: too many failed admin sign-ins from this address or account."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    log_refusal("login_throttled", request, status=429)
    response = render(
        request,
        "cms/login_locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response


def client_str(username, ip_address, user_agent, path_info, request):
    """AXES_CLIENT_STR_CALLABLE: how django-axes names a client in its own log lines."""
    return f"a client at {path_info}"


def attempted_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the username tried, cut to what axes stores (255 characters).

    Django's sign-in form checks the username's length only after authenticate() has run,
    so a 5,000-character name reached axes' varchar(255): a 500 on PostgreSQL.
    """
    data = credentials or getattr(request, "data", request.POST)
    username = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return username[:255] if isinstance(username, str) else username
