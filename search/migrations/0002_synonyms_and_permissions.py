"""Starter synonyms, and permission for Editors to maintain them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STARTER_SYNONYMS = [
    ("NHS, National Health Service", "Readers use both."),
    ("council, local authority", "Local government's two names for itself."),
    ("A&E, accident and emergency", ""),
    ("GP, general practitioner", ""),
    ("HMRC, HM Revenue and Customs", ""),
    ("MoD, Ministry of Defence", ""),
    ("DWP, Department for Work and Pensions", ""),
    ("SEND, special educational needs", ""),
]


def setup(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for terms, note in STARTER_SYNONYMS:
        SearchSynonym.objects.get_or_create(terms=terms, defaults={"note": note})

    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="search", content_type__model="searchsynonym"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("cms", "0002_editorial_setup"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
