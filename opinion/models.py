"""The "Last word" opinion column: guest columns tied to a columnist."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.api import APIField

from cms.models import ContentPage, SectionPage
from opinion.forms import OVERRIDE_PERMISSION, LastWordPageForm


class LastWordIndexPage(SectionPage):
    """The "Last word" index, listing columns newest first."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["opinion.LastWordPage"]

    class Meta:
        verbose_name = "last word index"


class LastWordPage(ContentPage):
    """A guest opinion column with its pull quote and its columnist."""

    pull_quote = models.CharField(
        max_length=300, blank=True, help_text="The line the column is remembered by."
    )

    kind_key, kind_label = "last-word", "Last word"
    schema_type = "OpinionNewsArticle"
    api_fields = ContentPage.api_fields + [APIField("pull_quote")]
    base_form_class = LastWordPageForm
    parent_page_types = ["opinion.LastWordIndexPage"]
    subpage_types = []

    content_panels = (
        ContentPage.header_panels
        + [
            MultipleChooserPanel(
                "author_links",
                chooser_field_name="author",
                label="Columnist",
                min_num=1,
                max_num=1,
            ),
            FieldPanel("pull_quote"),
            FieldPanel("body"),
        ]
        + ContentPage.filing_panels
        + ContentPage.integrity_panels
        + [FieldPanel("declaration_override_reason", permission=OVERRIDE_PERMISSION)]
    )

    class Meta:
        verbose_name = "last word column"

    @property
    def columnist(self):
        authors = self.authors
        return authors[0] if authors else None
