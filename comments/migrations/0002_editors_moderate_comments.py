"""Editors moderate reader comments and change the comment settings out of the box."""

from django.db import migrations

from cms.permissions import app_permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    moderate = app_permissions(apps, "django_comments").filter(codename="can_moderate")
    settings = app_permissions(apps, "comments").filter(codename="change_commentsettings")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    editors.permissions.add(*moderate, *settings)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("cms", "0002_editorial_setup"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
