"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

The public site gets CONTENT_SECURITY_POLICY (no inline scripts or styles at all). Wagtail's
admin writes inline scripts of its own, so paths under ADMIN_URL_PREFIX get
ADMIN_CONTENT_SECURITY_POLICY instead (see settings).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy, plus Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A page preview is the admin's own dummy request for the page's public path
        # (request.is_dummy), shown in the editor's preview frame: it gets the admin policy.
        is_admin = request.path_info.startswith(settings.ADMIN_URL_PREFIX) or getattr(
            request, "is_dummy", False
        )
        if is_admin and not report_only and parts.config is None:
            return PolicyParts(
                default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]),
                parts.update,
                parts.replace,
                parts.nonce,
            )
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
