"""Corrections and clarifications appended to published items.

A Correction is its own row pointing at the content page, not a StreamField or inline
panel inside the page: the page's fields are copied from a revision each time it is
published, so anything kept there would need the whole page republished to add, and
would vanish when an older draft (saved before the correction) is published. A row of
its own is appended at once, survives every later publish, and is never edited: it can
only be withdrawn by an editor, with a reason, and the row stays (with who withdrew it,
when and why) next to Wagtail's log entries on the page's history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from cms.models import ContentPage


class CorrectionQuerySet(models.QuerySet):
    """Corrections as readers see them: not withdrawn, on live, public items."""

    def shown(self):
        return self.filter(removed_at__isnull=True)

    def on_public_items(self):
        public = ContentPage.objects.listed().values("pk")
        return self.shown().filter(page__in=public)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Correction(models.Model):
    """A dated correction or clarification on a published item (append-only)."""

    CORRECTION = "correction"
    CLARIFICATION = "clarification"
    KINDS = [(CORRECTION, "Correction"), (CLARIFICATION, "Clarification")]

    page = models.ForeignKey(
        "cms.ContentPage",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name="Item",
        help_text="The published story, column or video being corrected.",
    )
    kind = models.CharField(max_length=20, choices=KINDS, default=CORRECTION)
    wrong = models.TextField(
        "What was wrong",
        max_length=1000,
        help_text="What the item said, or left unclear, e.g. “An earlier version of this "
        "article said the council's budget was £12m.”",
    )
    right = models.TextField(
        "What is right",
        max_length=1000,
        help_text="What is right, e.g. “It is £1.2m.”",
    )
    published_at = models.DateTimeField(
        "Corrected on",
        default=timezone.now,
        db_index=True,
        help_text="When the item was corrected: readers see this date.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    removal_reason = models.TextField(blank=True, editable=False)

    objects = CorrectionQuerySet.as_manager()

    panels = [
        PageChooserPanel("page", ["cms.ContentPage"]),
        FieldPanel("kind"),
        FieldPanel("wrong"),
        FieldPanel("right"),
        FieldPanel("published_at"),
    ]

    class Meta:
        verbose_name = "correction"
        ordering = ["-published_at", "-pk"]
        permissions = [("remove_correction", "Can remove a correction, giving a reason")]
        indexes = [models.Index(fields=["page", "published_at"], name="correction_page_date")]

    def __str__(self):
        return f"{self.get_kind_display()} to “{self.page.title}”, {self.published_at:%d/%m/%Y}"

    def clean(self):
        errors = {}
        page = self.page if self.page_id else None
        if page is not None and not page.live:
            errors["page"] = "Only a published item can be corrected: edit the draft instead."
        if self.published_at and self.published_at > timezone.now():
            errors["published_at"] = "A correction cannot be dated in the future."
        elif self.published_at and page is not None and page.first_published_at:
            first = page.first_published_at
            if self.published_at < first:
                errors["published_at"] = "A correction cannot predate the item's publication."
        if errors:
            raise ValidationError(errors)

    @property
    def text(self):
        """What readers (and schema.org's CorrectionComment `text`) are told."""
        return f"{self.wrong.strip()} {self.right.strip()}"

    @property
    def is_removed(self):
        return self.removed_at is not None

    @property
    def changed_at(self):
        """The last time this correction changed what readers see (it may be dated earlier
        than it was entered, so the entry time counts)."""
        return self.removed_at or max(self.created_at, self.published_at)
