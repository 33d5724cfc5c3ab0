"""Which pages readers may see: the one rule for private (restricted) sections.

Every listing, feed, search, the API and comments use `without_private`, so a page behind a
password, login or group restriction is left out everywhere, for every reader, the same way.
And who counts as the newsroom: the staff who may see what is not public yet.
"""

from wagtail.models import Page, PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms import changes


def restricted_paths():
    """Tree paths of private sections, read once per version of the privacy scope (a
    restriction's save or delete bumps it: cms/signals.py), so a listing adds no query for them.

    Wagtail's own `.public()` reads the restrictions, joined to the page table, on every
    call (what that costs at scale: the README's Performance section).
    """

    def compute():
        page_ids = PageViewRestriction.objects.values_list("page_id", flat=True)
        return list(Page.objects.filter(pk__in=list(page_ids)).values_list("path", flat=True))

    return changes.cached("restricted-paths", compute, scopes=[changes.PRIVACY])


def without_private(pages):
    """`pages` (any page queryset) minus those in private sections and their descendants."""
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def in_newsroom(user):
    """True for staff with rights over pages (Writers, Editors, superusers): the people who
    may see drafts, schedules and embargoed items in the admin. Other staff (admin access
    for comments or newsletters only) see only what readers see."""
    return PagePermissionPolicy().user_has_any_permission(user, {"add", "change", "publish"})
