"""The home page: lead story, latest news, last word, TV strand and a focus strip."""

from functools import cache

from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Orderable, Page, get_page_models

from cms import changes
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

    def route(self, request, path_components):
        """The page at this address in one lookup of its URL path (two queries), where
        Wagtail walks the tree a level at a time (two queries a level). Addresses that are
        no page's (a live page's `updates/`, a 404) take Wagtail's walk."""
        if path_components and not pages_route_beneath_themselves():
            url_path = self.url_path + "/".join(path_components) + "/"
            page = Page.objects.filter(url_path=url_path).specific().first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Loaded only when the template's fragment is not cached: it is kept per live
        # revision under `home_version` (changes with any publish, move or comment).
        context["teasers"] = SimpleLazyObject(self.teasers)
        context["home_version"] = SimpleLazyObject(
            lambda: changes.cache_key("home", [changes.SITE, changes.COMMENTS])
        )
        return context

    def fragment_scopes(self):
        return [changes.COMMENTS]

    def teasers(self):
        """What the front page lists: lead, latest, last_word, videos and focus_topics."""
        listed = ContentPage.objects.listed
        news = listed(kind="news.ArticlePage")
        lead = []
        if self.lead_story_id:
            lead = list(listed().filter(pk=self.lead_story_id).values_list("pk", flat=True))
        latest = news.exclude(pk__in=lead) if lead else news
        teasers = load_teasers(
            lead=lead,
            latest=latest[: self.latest_count + (0 if lead else 1)],
            last_word=listed(kind="opinion.LastWordPage")[:3],
            videos=listed(kind="news.VideoPage")[:4],
        )
        if not lead and teasers["latest"]:
            # Without an editor's choice the newest news story leads.
            teasers["lead"] = [teasers["latest"].pop(0)]
        return {
            "lead": teasers["lead"][0] if teasers["lead"] else None,
            "latest": teasers["latest"],
            "last_word": teasers["last_word"],
            "videos": teasers["videos"],
            "focus_topics": [link.topic for link in self.focus_topics.select_related("topic")],
        }


@cache
def pages_route_beneath_themselves():
    """Whether a page type with its own sub-addresses (RoutablePageMixin) may have child
    pages: one of its routes could then answer an address a descendant also has, which
    only Wagtail's walk down the tree gets right."""
    return any(
        issubclass(model, RoutablePageMixin) and model.allowed_subpage_models()
        for model in get_page_models()
    )


def load_teasers(**slots):
    """Several short listings loaded together: one query for each slot's ids, then one
    query (and one per prefetch) for every page they name, instead of a set per slot.

    Each slot is a sliced listing or a list of ContentPage ids; returns slot -> pages.
    """
    ids = {
        name: list(ids.values_list("pk", flat=True)) if hasattr(ids, "values_list") else ids
        for name, ids in slots.items()
    }
    wanted = {pk for chosen in ids.values() for pk in chosen}
    by_pk = ContentPage.objects.with_teaser_data().in_bulk(wanted)
    return {name: [by_pk[pk] for pk in chosen if pk in by_pk] for name, chosen in ids.items()}


class HomeFocusTopic(Orderable):
    """A topic shown in the home page's focus strip, in the editor's order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="focus_topics")
    topic = models.ForeignKey("cms.Topic", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("topic")]


__all__ = ["ContentPage", "HomeFocusTopic", "HomePage"]
