from django.db import models


class DemoDatabase(models.Model):
    """Marks a database as seeded by `seed_demo`: the only kind it may seed again."""

    seeded_at = models.DateTimeField(auto_now_add=True)
    hostname = models.CharField(max_length=255)

    class Meta:
        verbose_name = "demo database"
