"""Keep pages that carry a reader's CSRF token (form pages, the token view) out of shared
caches. Item pages leave the token out of their comment form, so they are shared."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PrivateFormPagesMiddleware:
    """Mark responses that set the CSRF cookie private and always revalidated.

    Such a page holds one reader's token, and its comment thread changes with every
    comment. Without this, Django's cache middleware stores it per Cookie header and tells
    the browser to keep it for CACHE_MIDDLEWARE_SECONDS, so a reader sent back to the item
    after posting could see it without their comment. Sits just below
    cms.middleware.UpdatePageCacheMiddleware so that middleware sees the header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CSRF_COOKIE_NAME in response.cookies:
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response
