"""The base page, its mixins, and ContentPage: what articles, columns and videos share."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.api_fields import CONTENT_API_FIELDS
from cms.blocks import StoryBlock
from cms.models.integrity import IntegrityFields, PlainEnglishPanel
from cms.publish_checks import PublishChecksForm


class ListingFields(models.Model):
    """How a page looks when it is listed elsewhere (teasers, feeds, search results)."""

    listing_title = models.CharField(
        max_length=255, blank=True, help_text="Shorter title for listings; blank uses the title."
    )
    listing_summary = models.CharField(
        max_length=300, blank=True, help_text="Teaser text; blank uses the standfirst."
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary")], heading="Listings"
        )
    ]

    class Meta:
        abstract = True


class SocialFields(models.Model):
    """What social networks show when the page is shared."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Blank uses the hero image.",
    )
    social_text = models.CharField(max_length=300, blank=True)

    promote_panels = [
        MultiFieldPanel([FieldPanel("social_image"), FieldPanel("social_text")], heading="Sharing")
    ]

    class Meta:
        abstract = True


class BasePage(ListingFields, SocialFields, Page):
    """Every page of the site: listing and sharing fields and a working absolute URL."""

    promote_panels = (
        Page.promote_panels + ListingFields.promote_panels + SocialFields.promote_panels
    )

    class Meta:
        abstract = True

    def get_absolute_url(self):
        # django-comments-xtd redirects to the commented object's get_absolute_url.
        return self.url

    @property
    def display_title(self):
        return self.listing_title or self.title


class ContentPage(IntegrityFields, BasePage):
    """A published item: an article, a last word column or a video.

    One concrete table holds what they share so that home, topic, author and feed listings
    can page through all kinds of content with one query.
    """

    standfirst = models.TextField(
        max_length=500, blank=True, help_text="The one- or two-sentence summary under the headline."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_caption = models.CharField(max_length=250, blank=True)
    hero_credit = models.CharField(max_length=120, blank=True, help_text="e.g. Photo: PA")
    body = StreamField(StoryBlock(), blank=True)
    topics = ParentalManyToManyField("cms.Topic", blank=True, related_name="pages")
    display_date = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The date readers see. Leave blank to use the date it was first published.",
    )
    last_updated = models.DateTimeField(
        null=True, blank=True, help_text="Set when a story changes materially after publication."
    )
    sort_date = models.DateTimeField(
        null=True, editable=False, db_index=True, help_text="Display date, else first published."
    )
    # The specific type ("news.articlepage") copied here so "latest of one kind" walks one
    # index in date order; filtering on wagtailcore_page.content_type made SQLite sort
    # every article of that kind (0.4 s at 100,000 articles).
    page_type = models.CharField(max_length=100, editable=False, default="")
    comments_open = models.BooleanField(default=True, help_text="Readers may comment on this page.")
    rights = models.CharField(
        "Rights and licence",
        max_length=255,
        blank=True,
        help_text="e.g. © Public Sector Today. Shown in feeds; blank uses the site default.",
    )

    is_creatable = False
    kind_label = "Story"
    schema_type = "NewsArticle"  # schema.org type of its JSON-LD
    api_fields = CONTENT_API_FIELDS
    base_form_class = PublishChecksForm

    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("sort_date"),
        index.FilterField("topics"),
    ]

    # Subclasses assemble their own content panels from these pieces.
    header_panels = [
        FieldPanel("title", help_text="The headline"),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading="Hero image",
        ),
    ]
    author_panels = [
        MultipleChooserPanel(
            "author_links", chooser_field_name="author", label="Authors", min_num=1
        )
    ]
    filing_panels = [
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("display_date"), FieldPanel("last_updated")], heading="Dates"),
        InlinePanel("related_items", label="Related items", max_num=3),
        FieldPanel("comments_open"),
        FieldPanel("rights"),
    ]
    # Trust and accessibility (issue 14): hero alt text, embargo, right of reply, advice.
    integrity_panels = (
        IntegrityFields.accessibility_panels
        + IntegrityFields.embargo_panels
        + [
            InlinePanel(
                "right_of_reply",
                heading="Right of reply",
                label="approach",
                help_text="Who this item criticises and how they were asked to respond. "
                "Internal, except the optional line shown in the item.",
            ),
            PlainEnglishPanel(),
        ]
    )

    class Meta:
        verbose_name = "content page"
        indexes = [models.Index(fields=["page_type", "sort_date"], name="content_kind_date")]

    def save(self, *args, **kwargs):
        self.sort_date = self.display_date or self.first_published_at or timezone.now()
        self.page_type = self.specific_class._meta.label_lower
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from cms.listings import content_listing, with_teaser_data, without_private

        context = super().get_context(request, *args, **kwargs)
        # Editor-chosen related items, kept in the editor's order; unpublished ones drop out.
        order = [item.related_page_id for item in self.related_items.all()]
        found = with_teaser_data(without_private(ContentPage.objects.live()).filter(pk__in=order))
        by_pk = {page.pk: page for page in found}
        context["related_pages"] = [by_pk[pk] for pk in order if pk in by_pk]
        context["more_items"] = list(
            content_listing(kind=self.specific_class).exclude(pk=self.pk)[:4]
        )
        return context

    @property
    def date(self):
        """The date readers see: the editor's display date, else first publication."""
        return self.display_date or self.first_published_at or self.sort_date

    @property
    def summary(self):
        return self.listing_summary or self.standfirst

    @cached_property
    def authors(self):
        """Authors in the order the editor chose, in one query (none when prefetched)."""
        links = self.author_links.all()
        if "author_links" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("author")
        return [link.author for link in links]

    @property
    def kind(self):
        """The label of the specific page type, without loading the specific page."""
        return getattr(self.specific_class, "kind_label", self.kind_label)


class ContentAuthor(Orderable):
    """An author credited on a content page, in the order the editor chose."""

    page = ParentalKey(ContentPage, on_delete=models.CASCADE, related_name="author_links")
    author = models.ForeignKey("cms.Author", on_delete=models.CASCADE, related_name="page_links")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_page")
        ]


class RelatedItem(Orderable):
    """One of up to three editor-chosen related stories shown under a content page."""

    page = ParentalKey(ContentPage, on_delete=models.CASCADE, related_name="related_items")
    related_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("related_page", ["cms.ContentPage"])]

    def clean(self):
        if self.related_page_id and self.related_page_id == self.page_id:
            raise ValidationError({"related_page": "A page cannot be related to itself."})


class SectionPage(BasePage):
    """A section front listing its content newest first ("Latest Public Sector News")."""

    intro = models.TextField(blank=True, max_length=500)
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from cms.listings import paginate

        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, self.feed_items(), settings.LISTING_PAGE_SIZE)
        return context

    def feed_items(self):
        """What this section lists, and so its feed (/<section>/feed/) too."""
        from cms.listings import content_listing

        # A section holding one kind of page is listed through the (kind, date) index.
        kinds = self.specific_class.allowed_subpage_models()
        kind = kinds[0] if len(kinds) == 1 else None
        return content_listing(kind=kind, within=self)
