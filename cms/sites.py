"""Where the site is: Wagtail sites' addresses, and Django's Site kept in step with them.

Django's syndication and sitemap frameworks build absolute URLs from
`get_current_site()`; without the sync they would say example.com. Emails, which have no
request to read a host from, take the address from `site_address()`.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db.models.signals import post_save
from wagtail.models import Site

from cms.models import SiteSettings


def domain_of(site):
    """The host (and port, unless it is 80 or 443) of a Wagtail site."""
    if site.port in (80, 443):
        return site.hostname
    return f"{site.hostname}:{site.port}"


@dataclass(frozen=True)
class SiteAddress:
    """Where a site is: `root` (scheme, host, port) for links, `domain` for List-Id."""

    root: str
    domain: str


def _site_of(page):
    """The page's Wagtail site, else the default site (None on an empty database)."""
    site = page.get_site() if page is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def site_address(page=None):
    """The address of the page's Wagtail site, else of the default site, else of
    WAGTAILADMIN_BASE_URL: for links in emails, which have no request to take it from."""
    site = _site_of(page)
    if site is None:
        root = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        return SiteAddress(root, urlsplit(root).hostname or "localhost")
    return SiteAddress(site.root_url, domain_of(site).split(":")[0])


def publication_name(page=None):
    """The publication's name (site settings) on the page's site, else the default site:
    for emails, which have no request to read the settings from."""
    site = _site_of(page)
    name = SiteSettings.for_site(site).publication_name if site is not None else ""
    return name or settings.WAGTAIL_SITE_NAME


def sync_django_site(sender, instance, raw=False, **kwargs):
    """post_save receiver for Wagtail's Site: copy the default site's host to Django's."""
    if raw or not instance.is_default_site:
        return
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": domain_of(instance), "name": instance.site_name or domain_of(instance)},
    )
    DjangoSite.objects.clear_cache()


def connect():
    post_save.connect(sync_django_site, sender=Site, dispatch_uid="cms-sync-django-site")
