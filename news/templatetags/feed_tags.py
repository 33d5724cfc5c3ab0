"""{% feed_links %}: autodiscovery <link rel="alternate"> for a page's feeds and the site's."""

from django import template
from django.utils.html import format_html_join
from wagtail.models import Page

from cms.models import ContentPage, SiteSettings
from news.feeds import links
from news.seo import section_of

register = template.Library()


def feeds_for(context):
    """The feeds a page offers: its own (or the section, topics and authors of a story),
    then the whole site's."""
    request = context["request"]
    page, topic, author = context.get("page"), context.get("topic"), context.get("author")
    found = []
    if isinstance(page, ContentPage):
        found += links.page_feeds(page, request)  # its own, if it has one (live pages)
        section = section_of(page, request)
        found += links.page_feeds(section, request) if section else []
        for item_author in page.authors:
            found += links.author_feeds(item_author)
        for item_topic in page.topics.all():
            found += links.topic_feeds(item_topic)
    elif isinstance(page, Page):
        found += links.page_feeds(page, request)
    if topic is not None:
        found += links.topic_feeds(topic)
    if author is not None:
        found += links.author_feeds(author)
    if context.get("corrections_page"):
        found += links.corrections_feeds()
    found += links.site_feeds(SiteSettings.for_request(request).publication_name)
    unique = {}
    for link in found:
        unique.setdefault(link.href, link)
    return list(unique.values())


@register.simple_tag(takes_context=True)
def feed_links(context):
    if "request" not in context:
        return ""
    return format_html_join(
        "\n",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        ((link.type, link.title, link.href) for link in feeds_for(context)),
    )


@register.inclusion_tag("news/subscribe_links.html", takes_context=True)
def subscribe_links(context):
    """Visible "Follow in your feed reader" links for a listing's own feed."""
    own = [link for link in feeds_for(context) if not link.href.startswith("/feeds/")]
    return {"feeds": own[:2]}
