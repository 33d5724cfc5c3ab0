"""Demo reader comments: a few threaded conversations, one comment held for review."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd import get_model

from cms.models import ContentPage

CONVERSATIONS = [
    [
        ("Priya Shah", "The savings look good on paper, but who is checking the outcomes?"),
        ("Tom Hughes", "The audit office reports next spring, so we will find out.", 1),
        ("Priya Shah", "Let us hope it looks at the outcomes and not only the spending.", 2),
    ],
    [
        (
            "Gareth Evans",
            "Our district tried shared services in 2019. It took three years to pay back.",
        ),
        ("Fiona Campbell", "Same here, and the staff who made it work were never thanked.", 1),
    ],
    [
        ("Helen Okafor", "A clear explainer. More of this, please."),
    ],
]
HELD = (
    "Sam Brown",
    "Visit www.cheap-deals.example and www.more-deals.example and www.deals.example",
)


def make_demo_comments(stdout=None):
    """Add the conversations to the newest items once; a re-run adds nothing."""
    XtdComment = get_model()
    if XtdComment.objects.exists():
        return
    items = list(ContentPage.objects.live().filter(comments_open=True).order_by("-sort_date")[:3])
    now = timezone.now()
    for item, conversation in zip(items, CONVERSATIONS, strict=False):
        target = {
            "content_type": ContentType.objects.get_for_id(item.content_type_id),
            "object_pk": str(item.pk),
            "site_id": settings.SITE_ID,
        }
        posted = []
        for minutes, (name, text, *reply_to) in enumerate(conversation):
            parent = posted[reply_to[0] - 1].pk if reply_to else 0
            email = f"{name.split()[0].lower()}@example.org"
            posted.append(
                XtdComment.objects.create(
                    **target,
                    user_name=name,
                    user_email=email,
                    comment=text,
                    parent_id=parent,
                    submit_date=now - timedelta(hours=2) + timedelta(minutes=20 * minutes),
                )
            )
    if items:
        name, text = HELD
        XtdComment.objects.create(
            content_type=ContentType.objects.get_for_id(items[0].content_type_id),
            object_pk=str(items[0].pk),
            site_id=settings.SITE_ID,
            user_name=name,
            user_email="sam@example.org",
            comment=text,
            is_public=False,
            submit_date=now,
        )
    if stdout is not None:
        stdout.write("Created demo comments")
