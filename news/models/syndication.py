"""When each feed last changed, recorded in the database so every process agrees."""

from django.db import models


class FeedStamp(models.Model):
    """The last time something in one feed changed (key "site", "topic:3", "page:12"…).

    Publishing signals bump the stamps of the feeds a page is in; a feed's ETag and
    Last-Modified come from its stamps, so a 304 costs one indexed query.
    """

    key = models.CharField(max_length=64, unique=True)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "feed stamp"

    def __str__(self):
        return f"{self.key} @ {self.changed_at:%Y-%m-%d %H:%M:%S}"
