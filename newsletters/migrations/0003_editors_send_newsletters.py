"""Editors write and send newsletter issues out of the box."""

from django.db import migrations

from cms.permissions import app_permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = app_permissions(apps, "newsletters")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*permissions.filter(content_type__model="newsletterissue"))


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0002_lists"),
        ("cms", "0002_editorial_setup"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
