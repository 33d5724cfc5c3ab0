"""Editors may post, edit and delete live entries out of the box (Settings → Groups gives
the same to Writers or a live-blogging group)."""

from django.db import migrations

from cms.permissions import app_permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    permissions = app_permissions(apps, "live")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*permissions.filter(content_type__model="liveentry"))


class Migration(migrations.Migration):
    dependencies = [("live", "0001_initial"), ("cms", "0002_editorial_setup")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
