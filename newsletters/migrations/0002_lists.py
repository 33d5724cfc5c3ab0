"""The daily briefing list, and an alert list for every topic there already is."""

from django.db import migrations


def make_lists(apps, schema_editor):
    MailingList = apps.get_model("newsletters", "MailingList")
    Topic = apps.get_model("cms", "Topic")
    MailingList.objects.get_or_create(kind="briefing", topic=None)
    for topic in Topic.objects.filter(alert_list__isnull=True):
        MailingList.objects.create(kind="topic", topic=topic)


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0001_initial")]

    operations = [migrations.RunPython(make_lists, migrations.RunPython.noop)]
