"""Out-of-the-box newsroom: a home page, Writers and Editors, and an "Editorial review" workflow
(cms/base_content.py says what and why)."""

from django.db import migrations

from cms.base_content import create_base_content


def setup(apps, schema_editor):
    create_base_content(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
