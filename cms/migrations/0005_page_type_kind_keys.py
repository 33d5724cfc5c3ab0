"""ContentPage.page_type holds the kind key ("news", "last-word", "tv"), not the model label.

The search index needs no rebuild: its documents already carry these keys.
"""

from django.db import migrations

# Model label → kind key, as the page types declared them when this migration was written.
KIND_KEYS = {
    "news.articlepage": "news",
    "opinion.lastwordpage": "last-word",
    "news.videopage": "tv",
}


def to_kind_keys(apps, schema_editor):
    ContentPage = apps.get_model("cms", "ContentPage")
    for label, key in KIND_KEYS.items():
        ContentPage.objects.filter(page_type=label).update(page_type=key)


def to_model_labels(apps, schema_editor):
    ContentPage = apps.get_model("cms", "ContentPage")
    for label, key in KIND_KEYS.items():
        ContentPage.objects.filter(page_type=key).update(page_type=label)


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_sync_django_site")]

    operations = [migrations.RunPython(to_kind_keys, to_model_labels)]
