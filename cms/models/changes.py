"""What the change pipeline keeps: one database row per scope, so no eviction loses it."""

from django.db import models


class ChangeStamp(models.Model):
    """Which version of, and when last, something in one scope changed ("site", "topic:3",
    "page:12", "navigation"…). Feeds take their ETag and Last-Modified from these rows and
    fragment caches put the version in their keys (cms/changes.py)."""

    key = models.CharField(max_length=64, unique=True)
    version = models.PositiveBigIntegerField(default=1)  # random: compared, never ordered
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "change stamp"

    def __str__(self):
        return f"{self.key} v{self.version} @ {self.changed_at:%Y-%m-%d %H:%M:%S}"
