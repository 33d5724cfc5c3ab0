"""Site-wide settings editors change in the admin (Settings → Site settings)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms import changes
from cms.licences import ALL_RIGHTS_RESERVED, LICENCE_CHOICES, LICENCES


class CachedSiteSetting(BaseSiteSetting):
    """Site settings read from the cache, not the database, until a change of any site
    settings moves the `all` scope on (cms/signals.py: a settings event)."""

    class Meta:
        abstract = True

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)  # Wagtail's error
        name = f"settings:{cls._meta.label_lower}:{site.pk}"
        return changes.cached(name, lambda: super(CachedSiteSetting, cls).for_site(site), [])


@register_setting(icon="cog")
class SiteSettings(CachedSiteSetting):
    """The publication's name, strapline, default licence and social accounts."""

    publication_name = models.CharField(max_length=100, default="Public Sector Today")
    strapline = models.CharField(
        max_length=200, blank=True, default="News and opinion for people who run public services"
    )
    default_licence = models.CharField(
        max_length=32,
        choices=LICENCE_CHOICES,
        default=ALL_RIGHTS_RESERVED,
        help_text="The licence of every item that does not choose its own. Its rights "
        "statement ends each page and feed.",
    )
    x_handle = models.CharField("X (Twitter) handle", max_length=50, blank=True)
    contact_email = models.EmailField(blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("publication_name"),
                FieldPanel("strapline"),
                FieldPanel("default_licence"),
            ],
            heading="Publication",
        ),
        MultiFieldPanel([FieldPanel("x_handle"), FieldPanel("contact_email")], heading="Contact"),
    ]

    class Meta:
        verbose_name = "site settings"

    @property
    def default_rights(self):
        """The rights statement of the default licence, e.g. "© … All rights reserved."."""
        return LICENCES[self.default_licence].rights_for(self.publication_name)
