"""RSS 2.0 and Atom 1.0 writers with what news aggregators look for.

Django's generators write one author and no full content; these add every author
(`dc:creator` / `atom:author`), the full HTML (`content:encoded` / `atom:content`), the
hero image (`media:content` with width, height and type), per-item rights and a link to
the item's licence (`atom:link rel="license"`, RFC 4946).
"""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
ATOM_NS = "http://www.w3.org/2005/Atom"


def _write_media(handler, image):
    if not image:
        return
    handler.startElement(
        "media:content",
        {
            "url": image["url"],
            "medium": "image",
            "type": image["type"],
            "width": str(image["width"]),
            "height": str(image["height"]),
        },
    )
    if image.get("description"):
        handler.addQuickElement("media:description", image["description"], {"type": "plain"})
    if image.get("credit"):
        handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


def _write_licence(handler, item, element):
    if item.get("licence_url"):
        handler.addQuickElement(element, "", {"rel": "license", "href": item["licence_url"]})


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with content:encoded, dc:creator, dc:rights and media:content."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:atom": ATOM_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("updateddate"):
            # RSS 2.0 has no "updated": a corrected item keeps its guid and says when here.
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        for name in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)
        if item.get("item_copyright"):
            handler.addQuickElement("dc:rights", item["item_copyright"])
        _write_licence(handler, item, "atom:link")
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        _write_media(handler, item.get("image"))


class NewsAtomFeed(Atom1Feed):
    """Atom 1.0 with every author, full HTML content and media:content."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, uri in item.get("author_links", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", uri)
            handler.endElement("author")
        _write_licence(handler, item, "link")
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        _write_media(handler, item.get("image"))
