"""Live pages (a Budget, a count night) and their timestamped entries.

Entries are rows of their own, not blocks in the page's StreamField: an editor posts one in
seconds from its own small form, and it goes live at once without a page revision passing
through the editorial workflow (the page itself, with its headline and key points, still
does). Posting, editing or withdrawing an entry purges the page and its updates endpoint
(live/changes.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from cms.models import ContentPage
from cms.searchable import stream_text
from live import views
from live.blocks import LiveEntryBlock
from live.feeds import LiveEntryFeed


class LivePage(RoutablePageMixin, ContentPage):
    """Live coverage of a big day: key points kept current, then entries, newest first."""

    key_points = models.TextField(
        blank=True,
        help_text="One key point per line, shown above the entries. Keep it current.",
    )
    coverage_start = models.DateTimeField(
        null=True, blank=True, help_text="When the coverage began; blank uses first publication."
    )
    coverage_end = models.DateTimeField(
        "Coverage ended",
        null=True,
        blank=True,
        help_text="Set to close the coverage: readers are told it has ended and their "
        "pages stop checking for new entries. Clear it to reopen.",
    )
    # The entries' words, kept here so that both search engines find the page by them
    # through the page type's own text fields (cms/searchable.py); see save().
    entries_text = models.TextField(blank=True, editable=False)

    kind_key, kind_label = "live", "Live"
    schema_type = "LiveBlogPosting"
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "live/live_page.html"
    # Its feed (`<page>/feed/`, `…/feed/atom/`) lists its entries, not pages.
    has_feed, feed_class = True, LiveEntryFeed

    content_panels = (
        ContentPage.header_panels
        + [
            FieldPanel("key_points"),
            MultiFieldPanel(
                [FieldPanel("coverage_start"), FieldPanel("coverage_end")], heading="Coverage"
            ),
        ]
        + ContentPage.author_panels
        + [FieldPanel("body", heading="Background")]
        + ContentPage.filing_panels
    )

    class Meta:
        verbose_name = "live page"

    def save(self, *args, **kwargs):
        # A revision published later carries the entries' text of its day: read it afresh.
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "entries_text" in update_fields):
            self.entries_text = self.text_of_entries()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["live_poll_seconds"] = settings.LIVE_POLL_SECONDS
        return context

    def text_of_entries(self):
        entries = LiveEntry.objects.filter(page_id=self.pk).visible().order_by("pk")
        return "\n".join(entry.text for entry in entries.only("headline", "body"))

    @property
    def is_closed(self):
        return self.coverage_end is not None and self.coverage_end <= timezone.now()

    @property
    def started_at(self):
        return self.coverage_start or self.first_published_at or self.date

    @property
    def key_point_list(self):
        return [line.strip() for line in self.key_points.splitlines() if line.strip()]

    @cached_property
    def visible_entries(self):
        """Every entry readers see, newest first, with its author (one query)."""
        if not self.pk:  # a preview before the first save
            return []
        return list(self.entries.visible().select_related("author").order_by("-pk"))

    @property
    def latest_entry_id(self):
        return self.visible_entries[0].pk if self.visible_entries else 0

    @property
    def pinned_entry(self):
        return next((entry for entry in self.visible_entries if entry.is_pinned), None)

    @property
    def key_events(self):
        return [entry for entry in self.visible_entries if entry.is_key_event]

    def structured_data_extra(self, request):
        """LiveBlogPosting's own properties (news/structured_data.py adds them)."""
        url = self.get_full_url(request)
        data = {
            "coverageStartTime": self.started_at,
            "liveBlogUpdate": [
                entry.structured_data(url) for entry in self.visible_entries[: settings.FEED_ITEMS]
            ],
        }
        if self.coverage_end:
            data["coverageEndTime"] = self.coverage_end
        return data

    # Addresses below the page ----------------------------------------------------------

    @path("")
    def coverage(self, request):
        return views.cacheable(request, self.render(request))

    @path("updates/")
    def updates(self, request):
        return views.updates(request, self)


class LiveEntryQuerySet(models.QuerySet):
    """Entries and the ones readers see."""

    def visible(self):
        return self.filter(withdrawn=False)


class LiveEntry(models.Model):
    """One timestamped update on a live page, live as soon as it is saved."""

    page = models.ForeignKey(LivePage, on_delete=models.CASCADE, related_name="entries")
    posted_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    author = models.ForeignKey(
        "cms.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
        help_text="Credited under the entry.",
    )
    headline = models.CharField(
        max_length=150, blank=True, help_text="Optional: a few words above the entry."
    )
    body = StreamField(LiveEntryBlock())
    is_key_event = models.BooleanField(
        "Key event", default=False, help_text="Listed under “Key events” at the top of the page."
    )
    is_pinned = models.BooleanField(
        "Pinned",
        default=False,
        help_text="Shown above the other entries; pinning one unpins the page's previous one.",
    )
    withdrawn = models.BooleanField(
        default=False, help_text="Hide this entry from readers (it stays here for the record)."
    )

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "live entry"
        verbose_name_plural = "live entries"
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=Q(is_pinned=True), name="one_pinned_entry_per_page"
            )
        ]

    def __str__(self):
        return f"{self.page.title}: {self.title}" if self.page_id else self.title

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_pinned:
                pinned = LiveEntry.objects.filter(page_id=self.page_id, is_pinned=True)
                pinned.exclude(pk=self.pk).update(is_pinned=False)
            super().save(*args, **kwargs)

    def clean(self):
        if self._state.adding and self.page_id and self.page.is_closed:
            message = "This coverage has ended: clear “Coverage ended” on the page to reopen it."
            raise ValidationError({"page": message})

    @property
    def anchor(self):
        return f"entry-{self.pk}"

    @property
    def text(self):
        """The entry's reader-visible words (headline, then body)."""
        return "\n".join(part for part in (self.headline, stream_text(self.body.raw_data)) if part)

    @property
    def title(self):
        """The headline, else the entry's opening words (feeds, the admin, JSON-LD)."""
        return self.headline or Truncator(stream_text(self.body.raw_data)).words(12) or "Update"

    def structured_data(self, page_url):
        """schema.org BlogPosting for the page's `liveBlogUpdate`; page_url: the page's."""
        data = {
            "@type": "BlogPosting",
            "headline": self.title[:110],
            "datePublished": self.posted_at,
            "dateModified": self.updated_at,
            "articleBody": stream_text(self.body.raw_data),
            "url": f"{page_url}#{self.anchor}",
        }
        if self.author:
            data["author"] = {"@type": "Person", "name": self.author.name}
        return data
