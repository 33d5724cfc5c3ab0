"""Editors may post, edit and delete live entries out of the box (Settings → Groups gives
the same to Writers or a live-blogging group)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    app_config = apps.get_app_config("live")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # historical apps have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="live", content_type__model="liveentry")
        )


class Migration(migrations.Migration):
    dependencies = [("live", "0001_initial"), ("cms", "0002_editorial_setup")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
