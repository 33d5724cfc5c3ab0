"""Change stamps become rows inserted per change (cms.changes.bump), no longer one per key."""

from django.db import migrations, models
from django.db.models import Max


def fold_rows(apps, schema_editor):
    """Going back to one row per key: fold each key's rows into one with the same version
    (their sum, as cms.changes.versions reads it) and latest time."""
    ChangeStamp = apps.get_model("cms", "ChangeStamp")
    keys = ChangeStamp.objects.values_list("key", flat=True).distinct()
    for key in list(keys):
        rows = list(ChangeStamp.objects.filter(key=key).order_by("id"))
        keep, *others = rows
        if not others:
            continue
        keep.version = sum(row.version for row in rows)
        keep.changed_at = ChangeStamp.objects.filter(key=key).aggregate(Max("changed_at"))[
            "changed_at__max"
        ]
        keep.save(update_fields=["version", "changed_at"])
        ChangeStamp.objects.filter(pk__in=[row.pk for row in others]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0009_merge_0008_changestamp_0008_trust_and_accessibility"),
    ]

    operations = [
        migrations.AlterField(
            model_name="changestamp",
            name="key",
            field=models.CharField(db_index=True, max_length=64),
        ),
        # Last, so that going back it runs before the key is made unique again.
        migrations.RunPython(migrations.RunPython.noop, fold_rows),
    ]
