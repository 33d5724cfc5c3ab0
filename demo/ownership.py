"""Whose database is this? `seed_demo` seeds only an empty database or one it seeded.

It publishes fake stories into the news section, creates accounts with published
passwords and points the default site at its own host: on a database with real content
that would be a disaster, so the command checks first and marks what it seeds.
"""

from django.contrib.auth import get_user_model
from django_comments_xtd import get_model as get_comment_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.models import Author, HomePage, Topic
from demo.models import DemoDatabase

DEMO_ACCOUNTS = ("editor", "writer")
DEMO_EMAIL_DOMAIN = "@publicsectortoday.example"


def foreign_content():
    """What this database holds beyond what migrations make: {"pages": 3, ...}, zeros left out."""
    top_level = Page.objects.filter(depth=2)
    homes = HomePage.objects.filter(depth=2)
    counts = {
        # Migrations make the root and one empty home page; anything else is someone's.
        "pages": Page.objects.filter(depth__gt=2).count()
        + top_level.exclude(pk__in=homes.values("pk")).count()
        + max(homes.count() - 1, 0),
        "topics": Topic.objects.count(),
        "authors": Author.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "comments": get_comment_model().objects.count(),
    }
    return {label: count for label, count in counts.items() if count}


def seeded_before_marking():
    """A database seeded before the command marked its databases has the demo's accounts."""
    return get_user_model().objects.filter(
        username__in=DEMO_ACCOUNTS, email__endswith=DEMO_EMAIL_DOMAIN
    ).count() == len(DEMO_ACCOUNTS)


def claim(hostname):
    """Mark the database as the demo's and return None, or return what makes it someone else's."""
    if DemoDatabase.objects.exists():
        return None
    if not seeded_before_marking():
        found = foreign_content()
        if found:
            return found
    DemoDatabase.objects.create(hostname=hostname)
    return None
