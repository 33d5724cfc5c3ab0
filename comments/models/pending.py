"""A guest's comment waiting for its emailed confirmation link to be followed."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class PendingComment(models.Model):
    """What a guest sent, kept here until they confirm their address.

    The emailed link carries only this record's random id, signed: the text, name, email
    and IP address stay in the database (never in a URL or an access log). Confirming
    turns the record into a comment and deletes it, so a link works once; erasing an
    address deletes its pending records, so an old link cannot bring it back.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_pk = models.CharField(max_length=64)
    site_id = models.PositiveIntegerField(default=1)
    parent_id = models.PositiveIntegerField("reply to", default=0)
    user_name = models.CharField(max_length=50)
    user_email = models.EmailField()
    comment = models.TextField()
    followup = models.BooleanField(default=False)
    ip_address = models.GenericIPAddressField(unpack_ipv4=True, blank=True, null=True)
    submit_date = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "comment waiting for email confirmation"
        verbose_name_plural = "comments waiting for email confirmation"

    def __str__(self):
        return f"Comment waiting for confirmation since {self.submit_date:%Y-%m-%d %H:%M}"

    @property
    def content_object(self):
        return self.content_type.get_object_for_this_type(pk=self.object_pk)
