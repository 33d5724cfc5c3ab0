"""The home page: lead story, latest news, last word, TV strand and a focus strip."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from cms.listings import content_pages, load_teasers
from cms.models.pages import BasePage, ContentPage


class HomePage(BasePage):
    """The front page of the publication."""

    lead_story = models.ForeignKey(
        "cms.ContentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Blank leads with the newest news story.",
    )
    latest_count = models.PositiveSmallIntegerField(
        default=8, help_text="How many stories the latest news list shows."
    )

    content_panels = BasePage.content_panels + [
        PageChooserPanel("lead_story", ["cms.ContentPage"]),
        FieldPanel("latest_count"),
        InlinePanel("focus_topics", label="Focus strip topics", max_num=6),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = content_pages(kind="news.ArticlePage")
        lead = []
        if self.lead_story_id:
            lead = list(content_pages().filter(pk=self.lead_story_id).values_list("pk", flat=True))
        latest = news.exclude(pk__in=lead) if lead else news
        teasers = load_teasers(
            lead=lead,
            latest=latest[: self.latest_count + (0 if lead else 1)],
            last_word=content_pages(kind="opinion.LastWordPage")[:3],
            videos=content_pages(kind="news.VideoPage")[:4],
        )
        if not lead and teasers["latest"]:
            # Without an editor's choice the newest news story leads.
            teasers["lead"] = [teasers["latest"].pop(0)]
        context.update(
            lead=teasers["lead"][0] if teasers["lead"] else None,
            latest=teasers["latest"],
            last_word=teasers["last_word"],
            videos=teasers["videos"],
            focus_topics=[link.topic for link in self.focus_topics.select_related("topic")],
        )
        return context


class HomeFocusTopic(Orderable):
    """A topic shown in the home page's focus strip, in the editor's order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="focus_topics")
    topic = models.ForeignKey("cms.Topic", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("topic")]


__all__ = ["ContentPage", "HomeFocusTopic", "HomePage"]
