"""The one thing counting stores: how often each item was read in each hour.

No reader, address, key or salt is kept here (mostread/counting.py keeps the short-lived
reader keys in the cache only); a row is an item, an hour and a number.
"""

from django.db import models


class HourlyReads(models.Model):
    """How many readers read one item in one hour (UTC), bots and reloads left out."""

    page = models.ForeignKey("cms.ContentPage", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(help_text="The start of the hour, UTC.")
    reads = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "hourly reads"
        verbose_name_plural = "hourly reads"
        constraints = [
            models.UniqueConstraint(fields=["page", "hour"], name="mostread_one_row_per_hour")
        ]
        # The top lists sum a window of hours per page; pruning deletes old hours.
        indexes = [models.Index(fields=["hour", "page", "reads"], name="mostread_hour_page")]

    def __str__(self):
        return f"{self.page_id} at {self.hour:%Y-%m-%d %H:00}: {self.reads}"
