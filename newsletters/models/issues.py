"""A newsletter issue: what editors write for the daily briefing."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PreviewableMixin, RevisionMixin
from wagtail.search import index

from newsletters.blocks import INTRO_FEATURES, SectionBlock, StoryChooserBlock


class NewsletterIssue(RevisionMixin, PreviewableMixin, index.Indexed, models.Model):
    """One edition of the daily briefing, made in the admin and sent to its subscribers.

    A snippet, not a page: an issue has no address on the site (it is not in the page
    tree, sitemaps, search or feeds) and its life is draft → scheduled → sent, not
    publish/unpublish. Snippets still give it revisions and a live preview.
    """

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    STATUS_CHOICES = [
        (DRAFT, "Draft"),
        (SCHEDULED, "Scheduled"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
    ]

    subject = models.CharField(
        "Subject line",
        max_length=150,
        help_text="What readers see in their inbox, e.g. “Budget day: what councils get”.",
    )
    intro = RichTextField(
        blank=True, features=INTRO_FEATURES, help_text="A few lines from the editor at the top."
    )
    top_stories = StreamField(
        [("story", StoryChooserBlock())],
        blank=True,
        help_text="The stories to lead with, in this order.",
    )
    sections = StreamField([("section", SectionBlock())], blank=True)
    include_latest = models.BooleanField(
        "Add “The latest”",
        default=True,
        help_text="At the end: what was published in the 24 hours before sending, "
        "leaving out stories already in this issue.",
    )
    latest_limit = models.PositiveSmallIntegerField(
        "How many in “The latest”", default=8, validators=[MaxValueValidator(30)]
    )
    add_utm = models.BooleanField(
        "Mark story links as coming from the newsletter",
        default=False,
        help_text="Adds utm_source=newsletter to every story link, so analytics can tell "
        "newsletter readers apart. Off: links are the plain story addresses.",
    )
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=DRAFT)
    send_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="newsletter_issue")

    panels = [
        FieldPanel("subject"),
        FieldPanel("intro"),
        FieldPanel("top_stories"),
        FieldPanel("sections"),
        MultiFieldPanel(
            [FieldPanel("include_latest"), FieldPanel("latest_limit")], heading="The latest"
        ),
        FieldPanel("add_utm"),
    ]
    search_fields = [index.SearchField("subject"), index.AutocompleteField("subject")]

    class Meta:
        ordering = ["-created"]
        verbose_name = "newsletter issue"

    def __str__(self):
        return self.subject

    @property
    def revisions(self):
        return self._revisions

    @property
    def editable_state(self):
        """Sent (or sending) issues are history: editing them would change nothing sent."""
        return self.status in (self.DRAFT, self.SCHEDULED)

    preview_modes = [("html", "Email (HTML)"), ("text", "Email (plain text)")]

    def serve_preview(self, request, mode_name):
        """The message exactly as it will arrive, addressed to the editor previewing it."""
        from newsletters import rendering

        message = rendering.issue_message(self, timezone.now())
        html, text = rendering.personalise(message, rendering.sample_links())
        if mode_name == "text":
            body = render_to_string(
                "newsletters/admin/text_preview.html",
                {"message": message, "text": text, "from_email": rendering.from_email()},
            )
            return HttpResponse(body)
        return HttpResponse(html)
