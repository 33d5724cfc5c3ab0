"""Template tags for the comment section under an item and for comment emails."""

from functools import cached_property

import django_comments
from django import template

from cms import changes, sites
from comments import rules
from comments.threads import build_thread

register = template.Library()

# Readers who are not signed in share the rendered section (thread and form) for this long.
# Its form carries the time it was made, and django_comments refuses a form older than two
# hours: ten minutes here plus the proxy's copy (a minute) stay far inside that.
SHARED_SECTION_SECONDS = 600


class CommentSection:
    """What the section under an item shows: the thread, the form, or why it is closed.
    The thread and the form are made only when the shared copy is not in the cache."""

    def __init__(self, page, closed, shared):
        self.page = page
        self.closed = closed
        # What the shared copy depends on: the comments under this item, the settings (in
        # every key), the item's live revision (comments open, live) and why it is closed
        # (the close-after-days date passes without any change being recorded).
        self.cache_seconds = SHARED_SECTION_SECONDS if shared else 0
        self.version = (
            changes.cache_key("comments", [changes.comments_scope(page.pk)])
            + f":{page.live_revision_id}:{closed}"
            if shared
            else "own"
        )

    @cached_property
    def thread(self):
        return build_thread(self.page)

    @cached_property
    def form(self):
        return None if self.closed else django_comments.get_form()(self.page)

    @property
    def count(self):
        return self.thread.count


@register.simple_tag(takes_context=True)
def comment_section(context, page):
    """The thread of visible comments on a page, and a fresh form unless comments are closed.
    Readers who are not signed in share one rendering of it (not in previews)."""
    if page.specific_class is not type(page):
        page = page.specific  # comments are filed under the specific page type
    request = context.get("request")
    closed = rules.closed_reason(page, rules.settings_for(page, request))
    user = getattr(request, "user", None)
    shared = not (
        getattr(request, "is_preview", False) or (user is not None and user.is_authenticated)
    )
    return CommentSection(page, closed, shared)


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
