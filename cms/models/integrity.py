"""What readers trust an item by, beyond its words: accessible images, embargoes, the
right of reply, declared interests, and the plain-English word list editors keep."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from cms import plain_english

# GOV.UK's "words to avoid" (GOV.UK style guide, "Plain English"), seeding the setting.
GOV_UK_WORDS_TO_AVOID = [
    "agenda",
    "advancing",
    "collaborate",
    "combat",
    "commit",
    "pledge",
    "countering",
    "deliver",
    "deploy",
    "dialogue",
    "disincentivise",
    "drive out",
    "empower",
    "facilitate",
    "focusing",
    "foster",
    "impact",
    "initiate",
    "key",
    "land",
    "leverage",
    "liaise",
    "overarching",
    "progress",
    "promote",
    "robust",
    "slimming down",
    "streamline",
    "strengthening",
    "tackling",
    "transforming",
    "utilise",
    "going forward",
    "one-stop shop",
    "ring fencing",
]
# Abbreviations readers know without spelling out (GOV.UK: "well known" ones).
COMMON_ACRONYMS = ["UK", "NHS", "BBC", "EU", "UN", "MP", "MPs", "PM", "TV", "GP", "GPs", "VAT"]


class IntegrityFields(models.Model):
    """The content page's accessibility and embargo fields (ContentPage inherits them)."""

    hero_alt_text = models.CharField(
        "Hero image alternative text",
        max_length=250,
        blank=True,
        help_text="Describe the image for readers who cannot see it. "
        "Leave blank to use the image's own description.",
    )
    hero_decorative = models.BooleanField(
        "Hero image is decorative",
        default=False,
        help_text="Tick only if the image adds nothing to the text: screen readers skip it.",
    )
    embargo_until = models.DateTimeField(
        "Embargoed until",
        null=True,
        blank=True,
        db_index=True,
        help_text="Nobody outside the newsroom sees the item before this time, and it goes "
        "live by itself then (publishing schedules it).",
    )

    accessibility_panels = [
        MultiFieldPanel(
            [FieldPanel("hero_alt_text"), FieldPanel("hero_decorative")],
            heading="Hero image accessibility",
        )
    ]
    embargo_panels = [FieldPanel("embargo_until")]

    class Meta:
        abstract = True

    @property
    def hero_alt(self):
        """The hero image's alt attribute: empty when decorative."""
        if self.hero_decorative or self.hero_image is None:
            return ""
        return self.hero_alt_text or self.hero_image.description

    def is_embargoed(self, at=None):
        return bool(self.embargo_until and self.embargo_until > (at or timezone.now()))

    def hold_for_embargo(self):
        """Never go live before the embargo: publishing then only schedules the item."""
        if self.embargo_until and (self.go_live_at is None or self.go_live_at < self.embargo_until):
            self.go_live_at = self.embargo_until

    def clean(self):
        super().clean()
        if self.live and self.first_published_at and self.is_embargoed():
            raise ValidationError(
                {
                    "embargo_until": "This item is already public: an embargo only holds "
                    "before it first goes live. Unpublish it first, or clear the embargo."
                }
            )
        self.hold_for_embargo()

    def with_content_json(self, content):
        # Every way of publishing a revision (the editor, bulk actions, review approval,
        # publish_scheduled) builds the page through here, so the embargo holds for all.
        # An item not yet live also keeps the embargo its latest draft set, should an
        # older revision with an earlier (or no) embargo be the one scheduled.
        page = super().with_content_json(content)
        embargoes = [page.embargo_until, None if self.live else self.embargo_until]
        embargoes = [time for time in embargoes if time]
        page.embargo_until = max(embargoes) if embargoes else None
        page.hold_for_embargo()
        return page


class RightOfReply(Orderable):
    """An organisation or person the item criticises, and how they were given a chance to
    answer. Internal: only the optional one-line summary reaches readers."""

    NO_REPLY, REPLIED, DECLINED = "none", "replied", "declined"

    page = ParentalKey("cms.ContentPage", on_delete=models.CASCADE, related_name="right_of_reply")
    subject = models.CharField(
        "Who", max_length=150, help_text="As readers will see it, e.g. Northmoor ICB"
    )
    contact = models.CharField(
        "Approached through",
        max_length=200,
        blank=True,
        help_text="Press office, person, email or phone (internal).",
    )
    approached_at = models.DateTimeField("Approached on")
    deadline = models.DateTimeField("Deadline for a reply")
    outcome = models.CharField(
        max_length=10,
        choices=[
            (NO_REPLY, "No reply (yet)"),
            (REPLIED, "Replied"),
            (DECLINED, "Declined to comment"),
        ],
        default=NO_REPLY,
    )
    reply = models.TextField(
        "What they said", blank=True, help_text="The words readers may see quoted."
    )
    show_line = models.BooleanField(
        "Show a line in the item",
        default=True,
        help_text="e.g. “Northmoor ICB was approached for comment.”",
    )

    panels = [
        FieldPanel("subject"),
        FieldPanel("contact"),
        FieldRowPanel([FieldPanel("approached_at"), FieldPanel("deadline")]),
        FieldPanel("outcome"),
        FieldPanel("reply"),
        FieldPanel("show_line"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "right of reply"
        verbose_name_plural = "right of reply"

    def __str__(self):
        return f"{self.subject} (approached {self.approached_at:%d/%m/%Y})"

    @property
    def history_line(self):
        """What the page history records of this approach (internal detail included)."""
        via = f" via {self.contact}" if self.contact else ""
        return (
            f"{self.subject} approached {self.approached_at:%d/%m/%Y %H:%M}{via}, deadline "
            f"{self.deadline:%d/%m/%Y %H:%M}; {self.get_outcome_display().lower()}"
            + (f": “{self.reply.strip()}”" if self.reply.strip() else "")
        )

    @property
    def reader_line(self):
        """The sentence shown in the item, generated from the record."""
        if self.outcome == self.REPLIED and self.reply.strip():
            return f"{self.subject} said: “{self.reply.strip()}”"
        if self.outcome == self.DECLINED:
            return f"{self.subject} was approached for comment and declined to comment."
        return f"{self.subject} was approached for comment."


class DeclarationOverride(models.Model):
    """A column published although its columnist's declaration was missing or out of date,
    by an editor allowed to, with their reason (also in the page's history)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey("cms.Author", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            (
                "override_declaration_check",
                "Can publish a column whose columnist's declaration is missing or out of date",
            )
        ]

    def __str__(self):
        return f"{self.page} — {self.reason[:60]}"


@register_setting(icon="doc-full")
class PlainEnglishSettings(BaseGenericSetting):
    """The words the plain-English panel flags, and abbreviations it lets pass."""

    words_to_avoid = models.TextField(
        default="\n".join(GOV_UK_WORDS_TO_AVOID),
        blank=True,
        help_text="One word or phrase per line (seeded with GOV.UK's list).",
    )
    common_acronyms = models.TextField(
        "Abbreviations readers know",
        default=", ".join(COMMON_ACRONYMS),
        blank=True,
        help_text="Not flagged when used before being spelled out. Comma or line separated.",
    )

    panels = [FieldPanel("words_to_avoid"), FieldPanel("common_acronyms")]

    class Meta:
        verbose_name = "plain English"

    @staticmethod
    def _lines(text, separators=("\n",)):
        for separator in separators[1:]:
            text = text.replace(separator, separators[0])
        return [part.strip() for part in text.split(separators[0]) if part.strip()]

    @property
    def word_list(self):
        return self._lines(self.words_to_avoid)

    @property
    def acronym_list(self):
        return self._lines(self.common_acronyms, ("\n", ","))


class PlainEnglishPanel(Panel):
    """Advice on the saved draft's language, shown in the page editor; never blocks."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Plain English (advice)")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/admin/plain_english_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            word_list = PlainEnglishSettings.load(request_or_site=self.request)
            context["report"] = plain_english.analyse(
                plain_english.body_paragraphs(self.instance),
                word_list.word_list,
                word_list.acronym_list,
            )
            context["long_sentence_words"] = plain_english.LONG_SENTENCE_WORDS
            return context
