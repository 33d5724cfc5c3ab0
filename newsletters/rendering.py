"""Newsletter messages: rendered once per send, then made personal for each reader.

The HTML and plain text bodies are rendered with placeholders where each reader's own
links go; `personalise` swaps them in. That keeps a 20,000-reader send to one render, and
the admin preview shows exactly the bodies the sender mails.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from cms.models import ContentPage, SiteSettings
from cms.sites import domain_of

UNSUBSCRIBE = "%%unsubscribe_url%%"
PREFERENCES = "%%preferences_url%%"
LATEST_WINDOW = timedelta(hours=24)


@dataclass
class Story:
    """A story as a newsletter lists it."""

    title: str
    url: str
    summary: str
    date: object
    kind: str


@dataclass
class Section:
    heading: str
    stories: list
    text_html: str = ""
    text_plain: str = ""


@dataclass
class Message:
    """A rendered message for one list, with placeholders for each reader's links."""

    subject: str
    html: str
    text: str
    item_count: int
    list_name: str = ""
    sections: list = field(default_factory=list)


@dataclass
class Links:
    unsubscribe: str
    preferences: str


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is: `root` for links in emails, `domain` for List-Id."""

    root: str
    domain: str


def site_address():
    """The default Wagtail site's address (a sender reads it once per send)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        root = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        return SiteAddress(root, urlsplit(root).hostname or "localhost")
    return SiteAddress(site.root_url, domain_of(site).split(":")[0])


def root_url():
    """Scheme and host of the default Wagtail site, for every link in an email."""
    return site_address().root


def from_email():
    return settings.NEWSLETTER_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL


def with_utm(url):
    """url with utm_source=newsletter added (any query string it has is kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "utm_source"]
    query.append(("utm_source", "newsletter"))
    return urlunsplit(parts._replace(query=urlencode(query)))


def absolute_links(html, root):
    """Rich text links made absolute: an email has no page to be relative to."""
    return re.sub(r'href="/(?!/)', f'href="{root}/', html)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.href = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href = dict(attrs).get("href")
        elif tag in ("p", "br", "li"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            self.parts.append(f" ({self.href})")
            self.href = None
        elif tag == "p":
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html):
    """Plain text of a rich text fragment, links written out after their words."""
    extractor = _TextExtractor()
    extractor.feed(html)
    lines = [" ".join(line.split()) for line in "".join(extractor.parts).splitlines()]
    return "\n\n".join(line for line in lines if line)


def rich_text(value, root):
    html = absolute_links(expand_db_html(str(value or "")), root)
    return html, html_to_text(html)


def stories(page_ids, add_utm):
    """Live, public stories in the order of page_ids (unpublished ones are left out)."""
    pages = ContentPage.objects.listed().specific().in_order(page_ids)
    found = []
    for page in pages:
        url = page.full_url
        found.append(
            Story(
                title=page.display_title,
                url=with_utm(url) if add_utm else url,
                summary=page.listing_summary or page.standfirst,
                date=page.display_date or page.first_published_at,
                kind=page._meta.verbose_name.capitalize(),
            )
        )
    return found


def _story_ids(stream):
    ids = []
    for block in stream:
        if block.value is not None and block.value.pk not in ids:
            ids.append(block.value.pk)
    return ids


def issue_sections(issue, now):
    """The issue's sections as readers will get them: top stories, the editor's
    sections, then "The latest" (published in the 24 hours before `now`, not already in)."""
    root = root_url()
    chosen = []
    sections = []
    top = _story_ids(issue.top_stories)
    chosen += top
    if top:
        sections.append(Section("Top stories", stories(top, issue.add_utm)))
    for block in issue.sections:
        ids = [page.pk for page in block.value["stories"] if page is not None]
        chosen += ids
        html, text = rich_text(block.value["text"], root)
        sections.append(
            Section(
                block.value["heading"],
                stories(ids, issue.add_utm),
                text_html=html,
                text_plain=text,
            )
        )
    if issue.include_latest and issue.latest_limit:
        latest = (
            ContentPage.objects.listed()
            .filter(first_published_at__gte=now - LATEST_WINDOW, first_published_at__lte=now)
            .exclude(pk__in=chosen)
            .values_list("pk", flat=True)[: issue.latest_limit]
        )
        found = stories(list(latest), issue.add_utm)
        if found:
            sections.append(Section("The latest", found))
    return [section for section in sections if section.stories or section.text_html]


def render(subject, heading, intro_html, intro_text, sections, list_name):
    """The message's HTML and plain text bodies, placeholders for the reader's links."""
    context = {
        "subject": subject,
        "heading": heading,
        "intro_html": intro_html,
        "intro_text": intro_text,
        "sections": sections,
        "list_name": list_name,
        "publication": publication_name(),
        "root_url": root_url(),
        "unsubscribe_url": UNSUBSCRIBE,
        "preferences_url": PREFERENCES,
    }
    html = render_to_string("newsletters/email/message.html", context)
    text = render_to_string("newsletters/email/message.txt", context)
    count = sum(len(section.stories) for section in sections)
    return Message(subject, html, _tidy_text(text), count, list_name, sections)


def _tidy_text(text):
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def publication_name():

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return SiteSettings.for_site(site).publication_name or settings.WAGTAIL_SITE_NAME


def issue_message(issue, now):
    """The daily briefing message for this issue, as if it were sent at `now`."""
    from newsletters.models import MailingList

    intro_html, intro_text = rich_text(issue.intro, root_url())
    name = MailingList(kind=MailingList.BRIEFING).name
    heading = f"{name}, {timezone.localtime(now):%-d %B %Y}"
    return render(issue.subject, heading, intro_html, intro_text, issue_sections(issue, now), name)


def alert_message(mailing_list, page_ids):
    """A topic alert listing these stories."""
    found = stories(page_ids, add_utm=False)
    topic = mailing_list.topic.name
    count = len(found)
    subject = f"{topic}: {found[0].title}" if count == 1 else f"{topic}: {count} new stories"
    heading = f"New on {topic}"
    return render(subject, heading, "", "", [Section("", found)], mailing_list.name)


def personalise(message, links):
    """(html, text) of the message with this reader's links in place."""
    html = message.html.replace(UNSUBSCRIBE, links.unsubscribe).replace(
        PREFERENCES, links.preferences
    )
    text = message.text.replace(UNSUBSCRIBE, links.unsubscribe).replace(
        PREFERENCES, links.preferences
    )
    return html, text


def sample_links():
    """The links of a preview or a test message: they lead to a page saying so."""
    from newsletters import links

    sample = links.absolute(links.sample_path())
    return Links(unsubscribe=sample, preferences=sample)
