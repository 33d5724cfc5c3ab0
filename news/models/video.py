"""The TV strand: video pages and their index."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField

from cms.embeds import SUPPORTED_PROVIDERS_MESSAGE, parse_video_url, video_embed_html
from cms.models import ContentPage, SectionPage


class VideoIndexPage(SectionPage):
    """The "TV" section listing videos newest first."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["news.VideoPage"]

    class Meta:
        verbose_name = "video section"


class VideoPage(ContentPage):
    """A video with its description, running time and a transcript for accessibility."""

    video_url = models.URLField(
        "Video address", help_text="A YouTube or Vimeo address, e.g. https://youtu.be/…"
    )
    duration = models.DurationField(
        null=True, blank=True, help_text="Running time as hh:mm:ss, e.g. 00:12:30"
    )
    transcript = models.TextField(
        blank=True, help_text="The full transcript, for readers who cannot watch or hear it."
    )

    kind_key, kind_label = "tv", "TV"
    schema_type = "VideoObject"
    parent_page_types = ["news.VideoIndexPage"]
    subpage_types = []

    content_panels = (
        ContentPage.header_panels
        + [
            MultiFieldPanel([FieldPanel("video_url"), FieldPanel("duration")], heading="Video"),
            FieldPanel("body", heading="Description"),
            FieldPanel("transcript"),
        ]
        + ContentPage.author_panels
        + ContentPage.filing_panels
        + ContentPage.integrity_panels
    )
    api_fields = ContentPage.api_fields + [
        APIField("video_url"),
        APIField("duration"),
        APIField("transcript"),
    ]

    class Meta:
        verbose_name = "video"

    def clean(self):
        super().clean()
        if self.video_url and parse_video_url(self.video_url) is None:
            raise ValidationError({"video_url": SUPPORTED_PROVIDERS_MESSAGE})

    @property
    def video(self):
        return parse_video_url(self.video_url)

    @property
    def embed_html(self):
        """The click-to-play player, built from the URL with no network request."""
        video = self.video
        return video_embed_html(video, title=self.title) if video else ""

    @property
    def duration_display(self):
        if not self.duration:
            return ""
        total = int(self.duration.total_seconds())
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"
