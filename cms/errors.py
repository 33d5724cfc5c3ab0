"""Handlers for the site's own 400, 403 and 500 pages (404 is Django's, with templates/404.html).

400, 403 and 500 are rendered without the request's template context, so they need no
database query and no context processor: they work for a request the site refused, and
while the database is down. None of them shows a stack trace, a setting or what was sent;
a 400 shows only messages the site wrote for readers (cms.http.ExplainedBadRequest).
"""

from django.conf import settings
from django.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.template import loader

from cms.http import ExplainedBadRequest


def _render(template_name, **context):
    return loader.render_to_string(
        template_name, {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    )


def bad_request(request, exception=None):
    """400: what was wrong, when the site itself said so; a general sentence otherwise."""
    message = str(exception) if isinstance(exception, ExplainedBadRequest) else ""
    return HttpResponseBadRequest(_render("400.html", message=message))


def permission_denied(request, exception=None):
    """403 (the CSRF failure page is separate: CSRF_FAILURE_VIEW)."""
    return HttpResponseForbidden(_render("403.html"))


def server_error(request):
    """500."""
    return HttpResponseServerError(_render("500.html"))
