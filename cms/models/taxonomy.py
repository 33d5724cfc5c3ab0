"""Topics and authors: the snippets every content page is filed under and credited to."""

from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from cms import changes
from cms.models.pages import ContentAuthor, ContentPage
from cms.text import PlainTextFieldsMixin


class CountedQuerySet(models.QuerySet):
    """Topics or authors that can say how many live items each has."""

    def with_item_counts(self):
        """These snippets as a list, each with `item_count` (live items linked to it)."""
        model = self.model
        counts = changes.cached(f"{model._meta.model_name}-item-counts", model.item_counts)
        snippets = list(self)
        for snippet in snippets:
            snippet.item_count = counts.get(snippet.pk, 0)
        return snippets


class NamedWithSlug(PlainTextFieldsMixin, index.Indexed, models.Model):
    """A snippet known by its name, with a page of its own at /<url_prefix>/<slug>/."""

    detail_url_name = ""
    objects = CountedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[: self._meta.get_field("slug").max_length]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.detail_url_name, kwargs={"slug": self.slug})


class Topic(NamedWithSlug):
    """A subject the publication covers, e.g. "Local government" or "Procurement"."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in the topic's address: /topics/<slug>/"
    )
    description = models.TextField(
        blank=True, max_length=500, help_text="One or two sentences shown on the topic page."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    detail_url_name = "topic_detail"

    class Meta(NamedWithSlug.Meta):
        pass

    @staticmethod
    def item_counts():
        """Topic id -> how many live items are filed under it.

        Grouped on the link table alone: annotating Topic with a Count groups every topic
        column over every link (see the README's Performance section).
        """
        links = ContentPage.topics.through.objects.filter(contentpage__page_ptr__live=True)
        rows = links.values("topic_id").annotate(n=Count("contentpage_id", distinct=True))
        return {row["topic_id"]: row["n"] for row in rows.order_by()}


class Author(NamedWithSlug):
    """A writer, columnist or presenter; guest columnists are authors too."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in the author's address: /authors/<slug>/"
    )
    role = models.CharField(max_length=150, blank=True, help_text="e.g. Chief executive")
    organisation = models.CharField(max_length=150, blank=True, help_text="e.g. CIPFA")
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField("Short biography", blank=True, max_length=1000)
    declared_interests = models.TextField(
        blank=True,
        max_length=1000,
        help_text="Paid roles, memberships or shareholdings readers should know about.",
    )
    x_url = models.URLField("X (Twitter) profile URL", blank=True)
    linkedin_url = models.URLField("LinkedIn profile URL", blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("role"),
                FieldPanel("organisation"),
            ],
            heading="Who they are",
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("declared_interests"),
        MultiFieldPanel([FieldPanel("x_url"), FieldPanel("linkedin_url")], heading="Profiles"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    detail_url_name = "author_detail"

    class Meta(NamedWithSlug.Meta):
        pass

    @staticmethod
    def item_counts():
        """Author id -> how many live items credit them (grouped as Topic.item_counts is)."""
        links = ContentAuthor.objects.filter(page__live=True)
        rows = links.values("author_id").annotate(n=Count("page_id", distinct=True))
        return {row["author_id"]: row["n"] for row in rows.order_by()}

    @property
    def byline(self):
        """The credit line as the trade press prints it: "Rob Whiteman, CEO at CIPFA"."""
        at = " at ".join(part for part in (self.role, self.organisation) if part)
        return f"{self.name}, {at}" if at else self.name
