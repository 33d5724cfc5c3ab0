"""The addresses of each feed, for autodiscovery links and the feed index page."""

from dataclasses import dataclass

from django.urls import reverse

RSS = "application/rss+xml"
ATOM = "application/atom+xml"


@dataclass(frozen=True)
class FeedLink:
    """One feed in one format, as a `<link rel="alternate">` or a list entry shows it."""

    title: str
    href: str
    type: str

    @property
    def format_name(self):
        return "Atom" if self.type == ATOM else "RSS"


def _pair(title, rss, atom):
    return [FeedLink(f"{title} (RSS)", rss, RSS), FeedLink(f"{title} (Atom)", atom, ATOM)]


def site_feeds(publication):
    return _pair(publication, reverse("site_feed"), reverse("site_feed_atom"))


def has_feed(page):
    """True for pages whose type declares its own feed (BasePage.has_feed)."""
    return getattr(page, "has_feed", False)


def page_feeds(page, request=None):
    url = page.get_url(request)
    if not url or not has_feed(page):
        return []
    return _pair(page.title, f"{url}feed/", f"{url}feed/atom/")


def topic_feeds(topic):
    return _pair(
        f"Topic: {topic.name}",
        reverse("topic_feed", args=[topic.slug]),
        reverse("topic_feed_atom", args=[topic.slug]),
    )


def author_feeds(author):
    return _pair(
        f"Author: {author.name}",
        reverse("author_feed", args=[author.slug]),
        reverse("author_feed_atom", args=[author.slug]),
    )


def corrections_feeds():
    return _pair(
        "Corrections and clarifications",
        reverse("corrections_feed"),
        reverse("corrections_feed_atom"),
    )
