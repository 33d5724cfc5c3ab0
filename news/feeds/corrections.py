"""The corrections feed: every correction and clarification, newest first."""

from html import escape

from django.conf import settings
from django.urls import reverse

from news.corrections import CORRECTIONS_FEED_KEY
from news.feeds.base import ContentFeed
from news.models import Correction


class CorrectionsFeed(ContentFeed):
    """Each entry is one correction, linking to the corrected item's Corrections box.

    Entry ids name the correction, not the item, so a second correction to a story is a
    new entry; the item's own entry in the other feeds is updated instead (base.py).
    """

    kind = "corrections"

    def get_object(self, request):
        return "corrections"

    def listing(self, obj):
        return (
            Correction.objects.on_public_items()
            .newest_first()
            .select_related("page")
            .defer("page__body")
        )

    def stamp_keys(self, obj):
        return [CORRECTIONS_FEED_KEY]

    def heading(self, obj):
        return "Corrections and clarifications"

    def html_url(self, obj):
        return self.absolute(reverse("corrections"))

    def description(self, obj):
        return "Every correction and clarification we have published, newest first."

    def items(self, obj):
        return list(self.listing(obj)[: settings.FEED_ITEMS])

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.page.title}"

    def item_link(self, item):
        return self.absolute(item.page.get_url(self.request)) + f"#correction-{item.pk}"

    def item_guid(self, item):
        return f"tag:{self.id_authority},{item.published_at:%Y-%m-%d}:correction:{item.pk}"

    def item_description(self, item):
        return escape(item.text)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.changed_at

    def item_categories(self, item):
        return [item.get_kind_display()]

    def item_copyright(self, item):
        return None

    def item_extra_kwargs(self, item):
        return {}
