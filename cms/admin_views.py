"""Admin views of our own: the section-first page chooser."""

from django.urls import path
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page

from cms.choosers import CHOOSER_URL_NAME
from cms.models import ContentPage


def newest_section_id():
    """The page holding the most recently published item (the news section, in practice)."""
    newest = (
        ContentPage.objects.live()
        .order_by("-first_published_at")
        .values_list("path", flat=True)
        .first()
    )
    if newest is None:
        return None
    parent_path = newest[: -Page.steplen]
    return Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()


class SectionFirstBrowseView(BrowseView):
    """Wagtail's chooser browse view, starting in a section when no page is chosen yet."""

    def get(self, request, parent_page_id=None):
        return super().get(request, parent_page_id or newest_section_id())


chooser_urls = [
    path("choose-page-in-section/", SectionFirstBrowseView.as_view(), name=CHOOSER_URL_NAME),
    path("choose-page-in-section/<int:parent_page_id>/", SectionFirstBrowseView.as_view()),
]
