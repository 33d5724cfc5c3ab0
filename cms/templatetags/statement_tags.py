"""The footer's link to the accessibility statement, when the site has one."""

from django import template

from cms import changes
from cms.models import AccessibilityStatementPage

register = template.Library()


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context):
    """The live statement's URL ("" if none). The statement is a child of the home page, so
    publishing, moving or unpublishing it moves the `navigation` scope on, like the menu."""
    request = context.get("request")

    def compute():
        statement = AccessibilityStatementPage.objects.live().public().first()
        return statement.get_url(request) if statement else ""

    return changes.cached("accessibility-statement-url", compute, scopes=[changes.NAVIGATION])
