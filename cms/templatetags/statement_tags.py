"""The footer's link to the accessibility statement, when the site has one."""

from django import template
from django.core.cache import cache

from cms.cache import content_version
from cms.models import AccessibilityStatementPage

register = template.Library()


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context):
    """The live statement's URL ("" if none), looked up once per content version."""
    key = f"accessibility-statement-url:{content_version()}"
    url = cache.get(key)
    if url is None:
        statement = AccessibilityStatementPage.objects.live().public().first()
        url = statement.get_url(context.get("request")) if statement else ""
        cache.set(key, url, timeout=3600)
    return url
