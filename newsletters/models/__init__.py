from newsletters.models.issues import NewsletterIssue
from newsletters.models.sending import Delivery, Send, SenderLease
from newsletters.models.subscribers import (
    MailingList,
    PendingSubscription,
    Subscriber,
    Subscription,
)

__all__ = [
    "Delivery",
    "MailingList",
    "NewsletterIssue",
    "PendingSubscription",
    "Send",
    "SenderLease",
    "Subscriber",
    "Subscription",
]
