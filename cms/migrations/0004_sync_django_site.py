"""Give django.contrib.sites the host of Wagtail's default site instead of example.com."""

from django.conf import settings
from django.db import migrations


def sync(apps, schema_editor):
    Site = apps.get_model("wagtailcore.Site")
    DjangoSite = apps.get_model("sites.Site")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    domain = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": site.site_name or domain}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_content_page_type"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
