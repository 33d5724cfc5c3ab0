"""The base page, its mixins, and ContentPage: what articles, columns and videos share."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CharField, Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast, Coalesce, Now
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from cms import changes, searchable
from cms.admin_forms import ContentPageForm
from cms.api_fields import CONTENT_API_FIELDS
from cms.blocks import StoryBlock
from cms.choosers import SectionPageChooserPanel
from cms.licences import LICENCE_CHOICES
from cms.listings import paginate
from cms.models.integrity import IntegrityFields, PlainEnglishPanel
from cms.privacy import restricted_paths, without_private
from cms.publish_checks import PublishChecksCopyForm
from cms.renditions import TEASER_RENDITIONS
from cms.text import PlainTextFieldsMixin


class ContentPageQuerySet(PageQuerySet):
    """The listing queries: what readers may see, what a teaser needs, editor-chosen order.

    Home, sections, topics, authors, feeds, sitemaps, focus pages and search results all
    list content through these, in a fixed number of queries however many items they show.
    """

    def listed(self, kind=None, topic=None, author=None, within=None):
        """Live pages outside private sections, newest first.

        kind: a model class or label ("news.ArticlePage"); topic / author: a Topic or Author
        (or its id); within: a page whose descendants are listed.
        """
        # An embargoed item is never live before its time (IntegrityFields holds it back);
        # should one be, listings still leave it out. Now() keeps the SQL, and so the
        # paginator's cached count, the same from one request to the next.
        pages = without_private(self.live()).exclude(embargo_until__gt=Now())
        if kind is not None:
            model = apps.get_model(kind) if isinstance(kind, str) else kind
            pages = pages.filter(page_type=model.kind_key)
        # EXISTS rather than a join: SQLite then walks the date index and stops at the page
        # size instead of sorting all the topic's rows (see the README's Performance section).
        if topic is not None:
            tagged = ContentPage.topics.through.objects.filter(
                topic=topic, contentpage=OuterRef("pk")
            )
            pages = pages.filter(Exists(tagged))
        if author is not None:
            credited = ContentAuthor.objects.filter(author=author, page=OuterRef("pk"))
            pages = pages.filter(Exists(credited))
        if within is not None:
            pages = pages.descendant_of(within)
        return pages.order_by("-sort_date", "-pk")

    def with_teaser_data(self):
        """These pages with the joins and prefetches a teaser needs (authors, topics, hero
        image renditions and, with comments installed, the published comment count)."""
        pages = self
        if apps.is_installed("django_comments"):
            pages = pages.annotate(comment_count=_published_comment_count())
        images = get_image_model().objects.prefetch_renditions(*TEASER_RENDITIONS)
        return pages.prefetch_related(
            Prefetch("hero_image", queryset=images),
            Prefetch(
                "author_links",
                queryset=ContentAuthor.objects.select_related("author").order_by("sort_order"),
            ),
            "topics",
        )

    def in_order(self, ids):
        """The pages of this queryset with these ids, as a list in the order of `ids`; ids
        not in it (unpublished, private, deleted) drop out."""
        ids = list(ids)
        found = self.order_by().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def _published_comment_count():
    """Published comments per page as one subquery, so teasers add no query each.

    django_comments' base table holds every comment (xtd's model extends it); object_pk is
    text, so the page key is cast to match. Looked up by name: cms never imports comments.
    """
    comment = apps.get_model("django_comments", "Comment")
    published = (
        comment.objects.filter(
            content_type=OuterRef("content_type"),
            object_pk=Cast(OuterRef("pk"), CharField()),
            is_public=True,
            is_removed=False,
        )
        .order_by()
        .values("object_pk")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(published, output_field=IntegerField()), 0)


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


class BasePage(PlainTextFieldsMixin, ListingFields, SocialFields, Page):
    """Every page of the site: listing and sharing fields and a working absolute URL."""

    # True for page types with their own feed (`<page>/feed/`): they define feed_items(),
    # or a `feed_class` of their own (news/feeds/views.py).
    has_feed = False

    promote_panels = (
        Page.promote_panels + ListingFields.promote_panels + SocialFields.promote_panels
    )

    class Meta:
        abstract = True

    def get_absolute_url(self):
        # django-comments-xtd redirects to the commented object's get_absolute_url.
        return self.url

    def get_view_restrictions(self):
        """The restrictions on this page and above it (Wagtail checks them before serving),
        with no query for a page outside every private section: nearly every request.
        Aliases take Wagtail's way, which follows them to their source."""
        changes.versions(self.fragment_scopes())  # with the privacy scope: one query
        if self.alias_of_id is None and not any(
            self.path.startswith(path) for path in restricted_paths()
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def display_title(self):
        return self.listing_title or self.title

    def fragment_scopes(self):
        """The change scopes this page's cached fragments are keyed by, besides the shared
        ones (cms.changes.SHARED_SCOPES): read with those in one query, whichever is first."""
        return []


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
    # The kind key ("news", cms/kinds.py) copied here so "latest of one kind" walks one
    # index in date order; filtering on wagtailcore_page.content_type made SQLite sort
    # every article of that kind (README, Performance).
    page_type = models.CharField(max_length=100, editable=False, default="")
    comments_open = models.BooleanField(default=True, help_text="Readers may comment on this page.")

    # Reuse and licence (issue 14) ------------------------------------------------------
    licence = models.CharField(
        "Licence",
        max_length=32,
        blank=True,
        choices=LICENCE_CHOICES,
        help_text="Who may republish this story, and how. Blank uses the site default "
        "(Settings → Site settings). Shown under the story, in feeds and to republishers.",
    )
    # Per use, like the credit beside it: the same photo may be ours in one story and an
    # agency's (licensed for us alone) in another.
    hero_reusable = models.BooleanField(
        "Hero image may be republished",
        default=False,
        help_text="Tick only if we own the photo or its licence lets others reuse it. "
        "Unticked, the “Republish this story” copy leaves the image out.",
    )

    objects = PageManager.from_queryset(ContentPageQuerySet)()

    is_creatable = False
    # Each page type declares its kind (cms/kinds.py): the stored key and the label readers see.
    kind_key, kind_label = "", "Story"
    schema_type = "NewsArticle"  # schema.org type of its JSON-LD
    api_fields = CONTENT_API_FIELDS
    base_form_class = ContentPageForm
    copy_form_class = PublishChecksCopyForm

    search_fields = Page.search_fields + searchable.SEARCH_FIELDS

    # Subclasses assemble their own content panels from these pieces.
    header_panels = [
        # TitleFieldPanel fills the slug (on the Promote tab) as the writer types, so the
        # first "Save draft" works without opening that tab.
        TitleFieldPanel(
            "title",
            heading="Headline",
            placeholder="Headline*",
            help_text="The headline readers see on the page and in listings.",
        ),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading="Hero image",
        ),
    ]
    author_panels = [
        MultipleChooserPanel(
            "author_links",
            chooser_field_name="author",
            heading="Authors",
            label="Author",
            min_num=1,
        )
    ]
    filing_panels = [
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("display_date"), FieldPanel("last_updated")], heading="Dates"),
        InlinePanel(
            "related_items",
            heading="Related stories",
            label="related story",
            max_num=3,
            help_text="Up to three stories shown under this one, in this order.",
        ),
        FieldPanel("comments_open"),
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
    # Reuse and licence (issue 14): kept apart from the panels above.
    reuse_panels = [
        MultiFieldPanel(
            [FieldPanel("licence"), FieldPanel("hero_reusable")], heading="Reuse and licence"
        )
    ]
    filing_panels = filing_panels + reuse_panels

    class Meta:
        # Editors meet this name in choosers: "Only pages of type … may be chosen".
        verbose_name = "article, column or video"
        verbose_name_plural = "articles, columns and videos"
        indexes = [models.Index(fields=["page_type", "sort_date"], name="content_kind_date")]

    def save(self, *args, **kwargs):
        self.sort_date = self.display_date or self.first_published_at or timezone.now()
        self.page_type = self.specific_class.kind_key
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listed = ContentPage.objects.listed
        # Loaded only when the template's teaser fragments are not cached: they are kept
        # under `teaser_versions` (changes with any publish, move or comment).
        # Editor-chosen related items, kept in the editor's order; unpublished ones drop out.
        context["related_pages"] = SimpleLazyObject(
            lambda: (
                listed()
                .with_teaser_data()
                .in_order(item.related_page_id for item in self.related_items.all())
            )
        )
        context["more_items"] = SimpleLazyObject(
            lambda: list(
                listed(kind=self.specific_class).with_teaser_data().exclude(pk=self.pk)[:4]
            )
        )
        context["teaser_versions"] = SimpleLazyObject(
            lambda: changes.cache_key("teasers", [changes.SITE, changes.COMMENTS])
        )
        # The story itself (header, body, byline, topics) is kept per live revision; a
        # rename of its topics or authors, privacy or image changes move its page scope on.
        own = changes.page_scope(self.pk)
        changes.versions(self.fragment_scopes())  # read with the shared scopes: one query
        context["story_version"] = SimpleLazyObject(lambda: changes.cache_key("story", [own]))
        context["fragment_seconds"] = 3600
        if getattr(request, "is_preview", False):
            # A preview shows unsaved changes under the live page's id and revision: its
            # fragments are rendered afresh and kept nowhere (a lifetime of 0 stores nothing).
            context["story_version"] = context["teaser_versions"] = "preview"
            context["fragment_seconds"] = 0
        # The head (description, social tags, JSON-LD) and the breadcrumbs also name the
        # section and the trail above it: a publish of a section moves the site scope on.
        context["head_version"] = SimpleLazyObject(
            lambda: changes.cache_key("head", [own, changes.SITE])
        )
        return context

    def fragment_scopes(self):
        return [changes.page_scope(self.pk), changes.COMMENTS, changes.comments_scope(self.pk)]

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

    def search_body(self):
        """The body text both search engines index (cms/searchable.py)."""
        own = searchable.own_text_fields(type(self)) if type(self) is not ContentPage else []
        return searchable.body_text(self.body.raw_data, [getattr(self, name) for name in own])

    def topic_names(self):
        return " ".join(topic.name for topic in self.topics.all())

    def author_names(self):
        return " ".join(link.author.name for link in self.author_links.all())

    @property
    def kind(self):
        """The label of the page's kind, for display, without loading the specific page."""
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

    panels = [SectionPageChooserPanel("related_page", ["cms.ContentPage"], heading="Story")]

    def clean(self):
        if self.related_page_id and self.related_page_id == self.page_id:
            raise ValidationError({"related_page": "A page cannot be related to itself."})


class SectionPage(BasePage):
    """A section front listing its content newest first ("Latest Public Sector News")."""

    intro = models.TextField(blank=True, max_length=500)
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    has_feed = True

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, self.feed_items(), settings.LISTING_PAGE_SIZE)
        return context

    def feed_items(self):
        """What this section lists, and so its feed (/<section>/feed/) too."""
        # A section holding one kind of page is listed through the (kind, date) index.
        kinds = self.specific_class.allowed_subpage_models()
        kind = kinds[0] if len(kinds) == 1 else None
        return ContentPage.objects.listed(kind=kind, within=self).with_teaser_data()
