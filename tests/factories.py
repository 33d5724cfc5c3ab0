"""Small builders for test data: each test makes the little it needs."""

import io
import itertools
from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from django_comments_xtd.models import XtdComment
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.base_content import create_base_content
from cms.models import Author, ContentAuthor, ContentPage, HomePage, Topic
from live.models import LiveEntry, LivePage
from news.models import ArticlePage, NewsIndexPage, VideoIndexPage, VideoPage
from news.permissions import grant_correction_permissions
from opinion.models import LastWordIndexPage, LastWordPage
from search.models import FocusIndexPage, FocusPage, FocusPinnedItem

_serial = itertools.count(1)


def make_image(title="Test image", width=320, height=180):
    """A real (tiny) JPEG stored as a Wagtail image."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (0, 66, 107)).save(buffer, "JPEG")
    image = get_image_model()(title=title, description=f"{title} description")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"{slugify(title)}.jpg")
    image.save()
    return image


def make_topic(name=None, **fields):
    name = name or f"Topic {next(_serial)}"
    return Topic.objects.create(name=name, slug=fields.pop("slug", slugify(name)), **fields)


def make_author(name=None, **fields):
    name = name or f"Author {next(_serial)}"
    return Author.objects.create(name=name, slug=fields.pop("slug", slugify(name)), **fields)


def restore_base_content():
    """Recreate what migrations made (root, home page, site, groups, workflow).

    A transactional test flushes every table when it ends; Django's serialized rollback
    cannot bring the rows back when Playwright runs the test in another greenlet (it sees
    a different connection object), so tests that need them call this instead.
    """
    if not HomePage.objects.exists():
        create_base_content(apps)
        grant_correction_permissions(apps)


def home_page():
    return HomePage.objects.get()


def make_section(model=NewsIndexPage, title=None, slug=None, parent=None):
    """A section (news, last word or TV index) under the home page, published."""
    parent = parent or home_page()
    title = title or f"{model._meta.verbose_name.title()} {next(_serial)}"
    page = model(title=title, slug=slug or slugify(title), show_in_menus=True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _publish_content(parent, page, topics, authors, when, publish):
    page.topics.set(topics or [])
    for order, author in enumerate(authors or []):
        page.author_links.add(ContentAuthor(author=author, sort_order=order))
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        if when is not None:
            Page.objects.filter(pk=page.pk).update(first_published_at=when)
            ContentPage.objects.filter(pk=page.pk).update(sort_date=page.display_date or when)
    page.refresh_from_db()
    return page


def make_article(
    parent=None, title=None, topics=None, authors=None, when=None, publish=True, **fields
):
    """A published article (pass publish=False for a draft)."""
    parent = parent or NewsIndexPage.objects.first() or make_section(NewsIndexPage)
    title = title or f"Council approves budget {next(_serial)}"
    fields.setdefault("slug", slugify(title)[:80])
    fields.setdefault("standfirst", f"Standfirst for {title}")
    fields.setdefault("body", [{"type": "paragraph", "value": f"<p>Body text of {title}.</p>"}])
    page = ArticlePage(title=title, live=publish, **fields)
    return _publish_content(parent, page, topics, authors, when, publish)


def make_live_page(parent=None, title=None, topics=None, authors=None, when=None, **fields):
    """A published live page (no entries yet: see make_live_entry)."""
    parent = parent or NewsIndexPage.objects.first() or make_section(NewsIndexPage)
    title = title or f"Budget day live {next(_serial)}"
    fields.setdefault("slug", slugify(title)[:80])
    fields.setdefault("standfirst", f"Follow {title} as it happens")
    fields.setdefault("key_points", "Income tax unchanged\nCouncils get £1bn more")
    page = LivePage(title=title, live=True, **fields)
    return _publish_content(parent, page, topics, authors, when, True)


def make_live_entry(page, text=None, **fields):
    """An entry on a live page, posted now."""
    text = text or f"Update number {next(_serial)}."
    fields.setdefault("body", [{"type": "paragraph", "value": f"<p>{text}</p>"}])
    return LiveEntry.objects.create(page=page, **fields)


def make_column(parent=None, title=None, topics=None, columnist=None, when=None, **fields):
    parent = parent or LastWordIndexPage.objects.first() or make_section(LastWordIndexPage)
    title = title or f"Opinion column {next(_serial)}"
    fields.setdefault("slug", slugify(title)[:80])
    page = LastWordPage(title=title, **fields)
    return _publish_content(parent, page, topics, [columnist or make_author()], when, True)


def make_video(
    parent=None,
    title=None,
    url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    topics=None,
    authors=None,
    when=None,
    **fields,
):
    parent = parent or VideoIndexPage.objects.first() or make_section(VideoIndexPage)
    title = title or f"Video {next(_serial)}"
    fields.setdefault("slug", slugify(title)[:80])
    fields.setdefault("duration", timedelta(minutes=12, seconds=30))
    page = VideoPage(title=title, video_url=url, **fields)
    return _publish_content(parent, page, topics, authors, when, True)


def make_focus(topic, pinned=(), **fields):
    """A published focus page for a topic (and the focus index above it, once)."""
    index = FocusIndexPage.objects.first()
    if index is None:
        index = FocusIndexPage(title="Public sector focus", slug="focus")
        home_page().add_child(instance=index)
        index.save_revision().publish()
    page = FocusPage(title=f"{topic.name} focus", slug=topic.slug, topic=topic, **fields)
    for order, item in enumerate(pinned):
        page.pinned_items.add(FocusPinnedItem(item=item, sort_order=order))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def make_comment(page, text, is_public=False, **fields):
    """A reader's comment stored directly (held for review unless is_public)."""
    fields.setdefault("user_name", "Ada Reader")
    fields.setdefault("user_email", "ada@example.org")
    return XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site=DjangoSite.objects.get_current(),
        comment=text,
        submit_date=timezone.now(),
        is_public=is_public,
        **fields,
    )
