"""Keep django.contrib.sites' Site in step with Wagtail's default Site.

Django's syndication and sitemap frameworks build absolute URLs from
`get_current_site()`; without this they would say example.com.
"""

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db.models.signals import post_save
from wagtail.models import Site


def domain_of(site):
    """The host (and port, unless it is 80 or 443) of a Wagtail site."""
    if site.port in (80, 443):
        return site.hostname
    return f"{site.hostname}:{site.port}"


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
