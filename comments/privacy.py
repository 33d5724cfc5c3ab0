"""A commenter's personal data: export it, erase it, and forget IP addresses after a while."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_comments_xtd import get_model

from comments import actions, ratelimit, rules
from comments.models import (
    ModerationEvent,
    PendingComment,
    PostingAttempt,
    RateLimitLock,
    ReaderFlag,
)

XtdComment = get_model()


def comments_of(email):
    """Every comment written with this address or by an account that has it."""
    return XtdComment.norel_objects.filter(
        Q(user_email__iexact=email) | Q(user__email__iexact=email)
    ).order_by("submit_date", "pk")


def _report_keys(email):
    users = get_user_model().objects.filter(email__iexact=email).values_list("pk", flat=True)
    return [ratelimit.hashed("reporter", f"user:{pk}") for pk in users]


def export(email):
    """All we hold about an email address, as plain data ready for JSON."""
    comments = []
    for comment in comments_of(email).select_related("content_type"):
        item = comment.content_object
        comments.append(
            {
                "id": comment.pk,
                "item": item.title if item else None,
                "item_url": item.full_url if item else None,
                "submitted": comment.submit_date.isoformat(),
                "name": comment.user_name,
                "email": comment.user_email,
                "ip_address": comment.ip_address,
                "comment": comment.comment,
                "reply_to": comment.parent_id if comment.parent_id != comment.pk else None,
                "published": comment.is_public and not comment.is_removed,
                "removed": comment.is_removed,
                "email_me_about_new_comments": comment.followup,
            }
        )
    reports = ReaderFlag.objects.filter(reporter_key__in=_report_keys(email))
    pending = PendingComment.objects.filter(user_email__iexact=email).order_by("submit_date")
    return {
        "email": email,
        "exported": timezone.now().isoformat(),
        "comments": comments,
        "reports_made": [
            {"comment": r.comment_id, "reason": r.reason, "made": r.created.isoformat()}
            for r in reports
        ],
        "waiting_for_confirmation": [
            {
                "item": item.title if (item := rules.item_of(p)) else None,
                "submitted": p.submit_date.isoformat(),
                "name": p.user_name,
                "email": p.user_email,
                "ip_address": p.ip_address,
                "comment": p.comment,
            }
            for p in pending
        ],
        "recent_posting_records": PostingAttempt.objects.filter(
            key__in=ratelimit.keys_of_email(email)
        ).count(),
    }


@transaction.atomic
def erase(email):
    """Blank every comment of this address (its place in a conversation stays, empty),
    delete the reports against them, its comments waiting for confirmation (so that no
    old link can bring one back) and forget the address's rate-limit records."""
    erased = 0
    for comment in comments_of(email):
        comment.comment = ""
        comment.user_name = comment.user_email = comment.user_url = ""
        comment.ip_address = comment.user = None
        comment.followup = False
        comment.is_removed = True
        comment.save()
        comment.reader_flags.all().delete()
        actions.log_event(comment, ModerationEvent.ERASED, note="erase_comment_data")
        erased += 1
    ReaderFlag.objects.filter(reporter_key__in=_report_keys(email)).update(reporter_key=None)
    pending, _ = PendingComment.objects.filter(user_email__iexact=email).delete()
    keys = ratelimit.keys_of_email(email)
    attempts, _ = PostingAttempt.objects.filter(key__in=keys).delete()
    RateLimitLock.objects.filter(key__in=keys).delete()
    return {"comments": erased, "unconfirmed comments": pending, "posting records": attempts}


def purge_ip_addresses(days=None):
    """Forget IP addresses (and the hashes made from them) older than the retention period,
    and comments whose confirmation link has expired."""
    days = settings.COMMENTS_IP_RETENTION_DAYS if days is None else days
    now = timezone.now()
    cutoff = now - timedelta(days=days)
    expired, _ = PendingComment.objects.filter(
        submit_date__lt=max(cutoff, now - rules.CONFIRM_WITHIN)
    ).delete()
    comments = XtdComment.norel_objects.filter(
        submit_date__lt=cutoff, ip_address__isnull=False
    ).update(ip_address=None)
    reports = ReaderFlag.objects.filter(created__lt=cutoff, reporter_key__isnull=False).update(
        reporter_key=None
    )
    return {
        "comments": comments,
        "reports": reports,
        "posting records": ratelimit.purge_expired(),
        "unconfirmed comments": expired,
    }
