"""Editors moderate reader comments and change the comment settings out of the box."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for label in ("django_comments", "comments"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="django_comments", codename="can_moderate"
        ),
        *Permission.objects.filter(
            content_type__app_label="comments", codename="change_commentsettings"
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("cms", "0002_editorial_setup"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
