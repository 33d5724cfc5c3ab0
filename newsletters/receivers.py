"""Every topic has its alert list, made when the topic is."""

from django.db.models.signals import post_save


def topic_saved(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for Topic: give a new topic its alert list."""
    from newsletters.models import MailingList

    if created and not raw:
        MailingList.objects.get_or_create(kind=MailingList.TOPIC, topic=instance)


def connect():
    from cms.models import Topic

    post_save.connect(topic_saved, sender=Topic, dispatch_uid="newsletters-topic-list")
