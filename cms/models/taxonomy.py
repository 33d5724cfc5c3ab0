"""Topics and authors: the snippets every content page is filed under and credited to."""

import calendar

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
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
    # Declared interests (issue 14): when the declaration above was last confirmed.
    interests_reviewed_on = models.DateField(
        "Declaration last reviewed",
        null=True,
        blank=True,
        help_text="When the author last confirmed their declared interests (even if none). "
        "Columns cannot be published once it is older than the newsroom's limit.",
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
        MultiFieldPanel(
            [FieldPanel("declared_interests"), FieldPanel("interests_reviewed_on")],
            heading="Declared interests",
        ),
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

    # Declared interests (issue 14).
    def declaration_problem(self, today=None):
        """Why this author's declaration cannot back a column, or "" when it can."""
        if self.interests_reviewed_on is None:
            return f"{self.name} has no reviewed declaration of interests."
        limit = months_before(today or timezone.localdate(), settings.DECLARATION_MAX_AGE_MONTHS)
        if self.interests_reviewed_on < limit:
            return (
                f"{self.name}'s declaration of interests was last reviewed on "
                f"{self.interests_reviewed_on:%d/%m/%Y}, more than "
                f"{settings.DECLARATION_MAX_AGE_MONTHS} months ago."
            )
        return ""

    @property
    def declaration_summary(self):
        """The short line shown with the byline."""
        interests = " ".join(self.declared_interests.split())
        if not interests and self.interests_reviewed_on is None:
            return ""
        return interests or "No interests declared"


def months_before(day, months):
    """The same day `months` months earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last_day))
