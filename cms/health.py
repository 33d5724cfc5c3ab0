"""/healthz/: whether this app server can do its work, for load balancers and monitoring.

Answered by ``HealthCheckMiddleware``, which sits just before the page cache's fetch (the
last middleware): the page cache reads the cache before any view runs, so a health view
behind it would be a 500, not a 503, when Redis is down. The session and the user are
loaded by then (the cached_db session falls back to the database when Redis is down).

Each entry of ``settings.HEALTH_CHECKS`` names a check, a callable that raises when the
service it checks cannot be used (and may return a short note, e.g. a cluster's colour).
Apps add theirs there (search: Elasticsearch; a task queue: its worker), so this module
imports none of them. The answer is 200 when every check passes, else 503, and is never
cached. The public sees only ``{"status": "ok"}`` or ``{"status": "unavailable"}``: which
service failed, and why, is shown only to staff and to a probe on this machine talking to
the app server directly (not through the proxy, which adds X-Forwarded-For).
"""

import ipaddress
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache


def check_database():
    """Every configured database answers a query."""
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")


def check_cache():
    """The default cache (Redis in production) stores and returns a value."""
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return the value just stored")
    finally:
        cache.delete(key)


def run_checks():
    """``{name: {"ok", "ms", and "note" or "error"}}`` for every check in HEALTH_CHECKS."""
    results = {}
    for name, path in settings.HEALTH_CHECKS.items():
        started = time.monotonic()
        try:
            note = import_string(path)()
        except Exception as exc:  # any failure of any service means "unhealthy", with why
            result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]}
        else:
            result = {"ok": True, **({"note": str(note)} if note else {})}
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
        results[name] = result
    return results


def may_see_details(request):
    """A request from this machine that no proxy forwarded, or staff."""
    if "HTTP_X_FORWARDED_FOR" not in request.META:
        try:
            if ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback:
                return True
        except ValueError:
            pass
    try:
        user = request.user
        return user.is_authenticated and user.is_staff
    except Exception:  # the session or the user cannot be loaded: the outage being reported
        return False


HEALTH_CHECK_PATH = "/healthz/"


class HealthCheckMiddleware:
    """Answers HEALTH_CHECK_PATH (must come just before the page cache's fetch)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_CHECK_PATH:
            return healthz(request)
        return self.get_response(request)


@never_cache
def healthz(request):
    """200 when every check passes, else 503; details only for staff and local probes."""
    results = run_checks()
    healthy = all(result["ok"] for result in results.values())
    body = {"status": "ok" if healthy else "unavailable"}
    if may_see_details(request):
        body["checks"] = results
    return JsonResponse(body, status=200 if healthy else 503)
