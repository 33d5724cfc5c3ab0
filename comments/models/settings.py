"""The comment rules editors set in the admin (Settings → Comment settings)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting

from cms.models.site_settings import CachedSiteSetting

_WORD_SEPARATORS = re.compile(r"[\n,]+")


@register_setting(icon="comment")
class CommentSettings(CachedSiteSetting):
    """How reader comments are moderated on one site."""

    POST_MODERATION = "post"
    PRE_MODERATION = "pre"
    MODERATION_CHOICES = [
        (POST_MODERATION, "Post-moderation: publish comments at once, review them afterwards"),
        (PRE_MODERATION, "Pre-moderation: hold every comment until a moderator approves it"),
    ]

    moderation_mode = models.CharField(
        max_length=4, choices=MODERATION_CHOICES, default=POST_MODERATION
    )
    blocked_words = models.TextField(
        blank=True,
        help_text="Words or phrases, one per line. A comment that contains one is held for "
        "review instead of being published. Matching ignores capitals.",
    )
    max_links = models.PositiveSmallIntegerField(
        "Link limit",
        default=2,
        help_text="A comment with more links than this is held for review.",
    )
    flag_threshold = models.PositiveSmallIntegerField(
        "Reports before hiding",
        default=3,
        help_text="A published comment reported by this many readers is hidden until a "
        "moderator reviews it. 0 never hides a comment automatically.",
    )
    close_after_days = models.PositiveSmallIntegerField(
        "Close comments after (days)",
        default=0,
        help_text="Comments close this many days after an item is first published. "
        "0 keeps them open until an editor closes them on the item.",
    )
    notify_moderators = models.BooleanField(
        "Email moderators", default=False, help_text="Email each comment that needs review."
    )
    moderator_email = models.EmailField(
        "Moderators' email address", blank=True, help_text="Where review notifications go."
    )

    panels = [
        FieldPanel("moderation_mode"),
        MultiFieldPanel(
            [FieldPanel("blocked_words"), FieldPanel("max_links"), FieldPanel("flag_threshold")],
            heading="Holding comments for review",
        ),
        FieldPanel("close_after_days"),
        MultiFieldPanel(
            [FieldPanel("notify_moderators"), FieldPanel("moderator_email")],
            heading="Notifications",
        ),
    ]

    class Meta:
        verbose_name = "comment settings"

    def clean(self):
        super().clean()
        if self.notify_moderators and not self.moderator_email:
            raise ValidationError(
                {"moderator_email": "Give an address to send moderator emails to."}
            )

    @property
    def pre_moderation(self):
        return self.moderation_mode == self.PRE_MODERATION

    @property
    def blocked_word_list(self):
        """The blocklist as lower-case words and phrases, without blanks or repeats."""
        words = (word.strip().lower() for word in _WORD_SEPARATORS.split(self.blocked_words))
        return list(dict.fromkeys(word for word in words if word))
