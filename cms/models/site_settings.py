"""Site-wide settings editors change in the admin (Settings → Site settings)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """The publication's name, strapline, rights statement and social accounts."""

    publication_name = models.CharField(max_length=100, default="Public Sector Today")
    strapline = models.CharField(
        max_length=200, blank=True, default="News and opinion for people who run public services"
    )
    default_rights = models.CharField(
        max_length=255,
        blank=True,
        default="© Public Sector Today. All rights reserved.",
        help_text="Rights statement for feeds when a page sets none.",
    )
    x_handle = models.CharField("X (Twitter) handle", max_length=50, blank=True)
    contact_email = models.EmailField(blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("publication_name"), FieldPanel("strapline"), FieldPanel("default_rights")],
            heading="Publication",
        ),
        MultiFieldPanel([FieldPanel("x_handle"), FieldPanel("contact_email")], heading="Contact"),
    ]

    class Meta:
        verbose_name = "site settings"
