"""Every topic has its alert list, made when the topic is."""

from django.db.models.signals import post_save

from cms.models import Topic
from newsletters.models import MailingList


def topic_saved(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for Topic: give a new topic its alert list."""
    if created and not raw:
        MailingList.objects.get_or_create(kind=MailingList.TOPIC, topic=instance)


def connect():
    post_save.connect(topic_saved, sender=Topic, dispatch_uid="newsletters-topic-list")
