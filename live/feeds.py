"""The feed of one live page's entries (`<live page>/feed/`, `…/feed/atom/`), newest first."""

from html import escape

from django.conf import settings
from django.template.loader import get_template

from cms.licences import licence_of
from news.feeds.html import absolutise
from news.feeds.kinds import PageFeed


def stamp_key(page_pk):
    """The scope (cms/changes.py) that moves on whenever the page's entries change."""
    return f"live:{page_pk}"


class LiveEntryFeed(PageFeed):
    """A live page's entries as feed items: each links to its anchor on the page."""

    scope = "live"

    def stamp_keys(self, obj):
        return [stamp_key(obj.pk)]

    def description(self, obj):
        return obj.standfirst or super().description(obj)

    def items(self, obj):
        self.page = obj
        entries = obj.entries.visible().select_related("author").order_by("-pk")
        return list(entries[: settings.FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return f"{self.html_url(self.page)}#{item.anchor}"

    def item_guid(self, item):
        return f"tag:{self.id_authority},{item.posted_at:%Y-%m-%d}:live-entry:{item.pk}"

    def item_description(self, item):
        return escape(item.title)

    def item_pubdate(self, item):
        return item.posted_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return ["Key event"] if item.is_key_event else []

    def item_copyright(self, item):
        # Entries are under the live page's licence.
        return licence_of(self.page, self.site_settings).rights_for(
            self.site_settings.publication_name
        )

    def item_extra_kwargs(self, item):
        author = item.author
        html = get_template("live/entry_body.html").render({"entry": item})
        return {
            "authors": [author.name] if author else [],
            "author_links": (
                [(author.name, self.absolute(author.get_absolute_url()))] if author else []
            ),
            "image": None,
            "content": absolutise(html, self.item_link(item)).strip(),
        }
