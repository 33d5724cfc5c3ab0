"""The search version clock; it starts above every version sent so far (outbox row ids)."""

from django.db import migrations, models
from django.db.models import Max


def start_clock(apps, schema_editor):
    IndexChange = apps.get_model("search", "IndexChange")
    VersionClock = apps.get_model("search", "VersionClock")
    last = IndexChange.objects.aggregate(last=Max("id"))["last"] or 0
    VersionClock.objects.create(id=1, version=last)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_synonyms_and_permissions'),
    ]

    operations = [
        migrations.CreateModel(
            name='VersionClock',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('version', models.PositiveBigIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'search version clock',
            },
        ),
        migrations.AddField(
            model_name='indexchange',
            name='applied_version',
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(start_clock, migrations.RunPython.noop),
    ]
