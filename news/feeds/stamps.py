"""Feed stamps: which feeds a page is in, bumping them, and reading a feed's last change.

Every feed names its stamp keys ("site", "topic:3", "author:7", "page:12" for a section
or focus page). Publishing, unpublishing, moving or deleting content bumps the keys of
the feeds it was or is in; changes that can touch every feed (a topic renamed, new site
settings) bump GLOBAL, which every feed also reads.
"""

from django.db.models import Max
from django.utils import timezone

GLOBAL = "all"
SITE = "site"


def topic_key(pk):
    return f"topic:{pk}"  # the same keys as SnippetFeed.stamp_keys


def author_key(pk):
    return f"author:{pk}"


def page_key(pk):
    return f"page:{pk}"


def keys_for_content(page):
    """The stamp keys of every feed a content page is in, as the database has it now."""
    from wagtail.models import Page

    from cms.models import ContentAuthor, ContentPage

    keys = {SITE}
    keys.update(page_key(pk) for pk in Page.objects.ancestor_of(page).values_list("pk", flat=True))
    through = ContentPage.topics.through.objects.filter(contentpage_id=page.pk)
    keys.update(topic_key(pk) for pk in through.values_list("topic_id", flat=True))
    authors = ContentAuthor.objects.filter(page_id=page.pk).values_list("author_id", flat=True)
    keys.update(author_key(pk) for pk in authors)
    return keys


def bump(keys):
    """Record that the feeds with these keys changed now."""
    from news.models import FeedStamp

    keys = set(keys)
    if not keys:
        return
    now = timezone.now()
    updated = FeedStamp.objects.filter(key__in=keys).update(changed_at=now)
    if updated < len(keys):
        FeedStamp.objects.bulk_create(
            [FeedStamp(key=key, changed_at=now) for key in keys], ignore_conflicts=True
        )


def last_changed(keys):
    """When anything in a feed with these stamp keys last changed (one indexed query)."""
    from news.models import FeedStamp

    stamp = FeedStamp.objects.filter(key__in=[GLOBAL, *keys]).aggregate(Max("changed_at"))
    changed_at = stamp["changed_at__max"]
    if changed_at is None:
        # A database that has never recorded a change (e.g. flushed): start the clock now.
        bump([GLOBAL])
        return last_changed(keys)
    return changed_at
