"""Focus pages: an editor-made page per topic, with engine-driven blocks beneath."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms import changes
from cms.models import BasePage, ContentPage
from cms.privacy import without_private


class FocusPageForm(WagtailAdminPageForm):
    """The focus page editor: one focus page per topic."""

    def clean_topic(self):
        topic = self.cleaned_data.get("topic")
        if topic is not None:
            others = FocusPage.objects.filter(topic=topic).exclude(
                translation_key=self.instance.translation_key
            )
            if others.exists():
                raise ValidationError(f"“{others.first().title}” already covers this topic.")
        return topic


class FocusIndexPage(BasePage):
    """ "Public sector focus": the list of every focus page."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["search.FocusPage"]
    max_count = 1

    class Meta:
        verbose_name = "focus index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["focus_pages"] = without_private(
            FocusPage.objects.child_of(self).live()
        ).select_related("topic")
        return context


class FocusPage(BasePage):
    """The trade press's "public sector focus" on one topic: intro, pinned stories, then
    the latest, most-discussed, related topics and leading authors from the search engine
    (`{% topic_overview %}` and `{% most_commented %}` in its template)."""

    topic = models.ForeignKey(
        "cms.Topic",
        null=True,
        on_delete=models.SET_NULL,
        related_name="focus_pages",
        help_text="The topic this page is about. Each topic has at most one focus page.",
    )
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    latest_count = models.PositiveSmallIntegerField(
        default=8,
        validators=[MinValueValidator(3), MaxValueValidator(20)],
        help_text="How many of the latest stories to list (3 to 20).",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("topic"),
        FieldPanel("intro"),
        InlinePanel("pinned_items", label="Pinned stories", max_num=4),
        FieldPanel("latest_count"),
    ]
    base_form_class = FocusPageForm
    has_feed = True
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["search.FocusIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "focus page"

    @property
    def view_all_url(self):
        """The search page filtered to this topic, newest first."""
        query = urlencode({"topic": self.topic.slug, "sort": "newest"}) if self.topic else ""
        return f"{reverse('search')}?{query}" if query else reverse("search")

    def feed_items(self):
        """The focus page's feed: everything filed under its topic, newest first."""
        if self.topic_id is None:
            return ContentPage.objects.none()
        return ContentPage.objects.listed(topic=self.topic_id).with_teaser_data()

    def feed_stamp_keys(self):
        """Its feed changes with the topic's stories and with the page itself."""
        keys = [changes.page_scope(self.pk)]
        if self.topic_id is not None:
            keys.append(changes.topic_scope(self.topic_id))
        return keys

    def pinned_pages(self):
        """The editor's pinned stories in their order; unpublished ones drop out."""
        pinned = (item.item_id for item in self.pinned_items.all())
        return ContentPage.objects.listed().with_teaser_data().in_order(pinned)

    def get_context(self, request, *args, **kwargs):
        # The engine-driven blocks below the pins come from search_tags in the template.
        context = super().get_context(request, *args, **kwargs)
        context["pinned"] = self.pinned_pages()
        return context


class FocusPinnedItem(Orderable):
    """A story an editor pins to the top of a focus page."""

    page = ParentalKey(FocusPage, on_delete=models.CASCADE, related_name="pinned_items")
    item = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("item", ["cms.ContentPage"])]

    class Meta(Orderable.Meta):
        verbose_name = "pinned story"
