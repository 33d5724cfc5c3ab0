"""Template tags for the comment section under an item and for comment emails."""

from dataclasses import dataclass

import django_comments
from django import template

from cms import sites
from comments import rules
from comments.threads import Thread, build_thread

register = template.Library()


@dataclass
class CommentSection:
    """What the section under an item shows: the thread, the form, or why it is closed."""

    thread: Thread
    closed: str | None
    form: object

    @property
    def count(self):
        return self.thread.count


@register.simple_tag(takes_context=True)
def comment_section(context, page):
    """The thread of visible comments on a page, and a fresh form unless comments are closed."""
    if page.specific_class is not type(page):
        page = page.specific  # comments are filed under the specific page type
    request = context.get("request")
    closed = rules.closed_reason(page, rules.settings_for(page, request))
    form = None if closed else django_comments.get_form()(page)
    return CommentSection(thread=build_thread(page), closed=closed, form=form)


@register.simple_tag
def comment_form_target():
    return django_comments.get_form_target()


@register.filter
def root_url(page):
    """Scheme, host and port of the page's site, for absolute links in emails."""
    return sites.site_address(page).root


@register.simple_tag
def publication_name(page=None):
    """The publication's name on the page's site, for emails."""
    return sites.publication_name(page)
