"""Our comment rules as plain functions: is an item open, must a comment wait for review?"""

import re
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django_comments_xtd import get_model
from wagtail.models import Site

from cms.models import ContentPage
from cms.privacy import without_private
from comments.keys import as_key
from comments.models import CommentSettings

MODERATE_PERMISSION = "django_comments.can_moderate"
# How long a guest's emailed confirmation link works.
CONFIRM_WITHIN = timedelta(days=7)

# http(s) addresses and bare "www." ones: what spam links look like in plain text.
_LINK = re.compile(r"(?:\bhttps?://|\bwww\.)\S+", re.IGNORECASE)


def commentable_models():
    """ContentPage and all its subclasses: articles, columns, videos."""
    return [model for model in apps.get_models() if issubclass(model, ContentPage)]


def live_item(model, object_pk):
    """The live, public page of a commentable type with this key, or None.

    Only such an item is ever named (or linked) on a comment page: a held comment's
    item that has since gone private or been unpublished stays unnamed.
    """
    pk = as_key(object_pk)
    if model not in commentable_models() or pk is None:
        return None
    return without_private(model.objects.live()).filter(pk=pk).first()


def item_of(comment):
    """The live, public item a comment (stored or pending) belongs to, or None."""
    return live_item(comment.content_type.model_class(), comment.object_pk)


def settings_for(page, request=None):
    """The comment settings of the site the page belongs to."""
    if request is not None:
        return CommentSettings.for_request(request)
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    return CommentSettings.for_site(site)


def is_trusted(user):
    """Moderators' own comments skip review and rate limits."""
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_PERMISSION))


def closed_reason(page, comment_settings=None):
    """Why readers cannot comment on the page now, or None when they can."""
    if not getattr(page, "comments_open", False):
        return "Comments are closed on this item."
    if not page.live:
        return "Comments are closed on this item."
    comment_settings = comment_settings or settings_for(page)
    days = comment_settings.close_after_days
    published = page.first_published_at
    if days and published and timezone.now() >= published + timedelta(days=days):
        return f"Comments closed {days} days after this item was published."
    return None


def count_links(text):
    return len(_LINK.findall(text or ""))


def blocked_words_in(text, words):
    """The blocklist entries found in text as whole words or phrases, ignoring case."""
    return [
        word
        for word in words
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text or "", re.IGNORECASE)
    ]


def hold_reasons(text, name, comment_settings, user=None):
    """Why a new comment must wait for a moderator; empty when it may be published."""
    if is_trusted(user):
        return []
    reasons = []
    if comment_settings.pre_moderation:
        reasons.append("Pre-moderation is on")
    blocked = blocked_words_in(f"{name}\n{text}", comment_settings.blocked_word_list)
    if blocked:
        reasons.append("Contains blocked words: " + ", ".join(blocked))
    links = count_links(text)
    if links > comment_settings.max_links:
        reasons.append(f"Contains {links} links (the limit is {comment_settings.max_links})")
    return reasons


def duplicate_of(comment):
    """The stored comment this one repeats (same person, item and text), if any.

    A double click or a second click on a confirmation email must not post twice.
    """
    return (
        get_model()
        .norel_objects.filter(
            content_type=comment.content_type,
            object_pk=comment.object_pk,
            user_email__iexact=comment.user_email,
            comment=comment.comment,
        )
        .only("id", "is_public", "is_removed")
        .first()
    )


def max_length():
    return settings.COMMENT_MAX_LENGTH
