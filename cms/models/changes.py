"""What the change pipeline keeps: database rows per scope, so no eviction loses them."""

from django.db import models


class ChangeStamp(models.Model):
    """A change in one scope ("site", "topic:3", "page:12", "navigation"…): together a
    scope's rows say which version of it is current and when it last changed. Feeds take
    their ETag and Last-Modified from them and fragment caches put the version in their
    keys (cms/changes.py)."""

    # Rows are only ever inserted (and folded by cms.changes.compact): a scope's version is
    # the sum of its rows' versions.
    key = models.CharField(max_length=64, db_index=True)
    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "change stamp"

    def __str__(self):
        return f"{self.key} v{self.version} @ {self.changed_at:%Y-%m-%d %H:%M:%S}"
