"""Starter synonyms, and permission for Editors to maintain them."""

from django.db import migrations

from cms.permissions import app_permissions

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

    permissions = app_permissions(apps, "search")
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*permissions.filter(content_type__model="searchsynonym"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("cms", "0002_editorial_setup"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
