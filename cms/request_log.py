"""One log line per request on the "cms.requests" logger, tied together by a request id.

The id is the request's X-Request-ID (set by Varnish to its transaction id, or by any
proxy in front) when it is a short token, else a new random one; it is sent back as the
response's X-Request-ID, and ``RequestIdFilter`` adds it to every other line logged while
the request runs (refusals, errors), so one id finds everything about one request. With
LOG_FORMAT=json each line is one JSON object (cms.refusals.JSONFormatter).
"""

import contextvars
import logging
import re
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# A token, not text: anything else could forge log lines or carry a reader's data.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

logger = logging.getLogger("cms.requests")
_current_request_id = contextvars.ContextVar("request_id", default=None)


def request_id_for(request):
    """The id the proxy gave the request, if it is a plain token; else a new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    """Outermost middleware: gives the request its id and logs method, path (without the
    query string, which may hold a reader's search or a token), status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request.request_id = request_id_for(request)
        token = _current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to records logged while a request runs (a logging filter)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request_id = _current_request_id.get()
            if request_id is not None:
                record.request_id = request_id
        return True
