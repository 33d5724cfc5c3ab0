"""What the worker records so that a task run twice does its work once."""

from django.db import models


class SentEmail(models.Model):
    """One email handed to the mail server, by the key its task was given when queued.

    A task killed after sending but before being marked done runs again; finding its key
    here, it sends nothing.
    """

    key = models.CharField(max_length=64, unique=True)
    about = models.CharField(max_length=255, help_text="Which record it was about (no address).")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sent email"

    def __str__(self):
        return f"{self.key} ({self.about})"
