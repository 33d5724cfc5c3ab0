"""Every kind of public page is valid, complete HTML.

One set of realistic pages (every StreamField block, comments, facets, pagination) is
rendered once per test and checked for: no error from the Nu Html Checker (vnu.jar, run
once on all of them; it also refuses skipped heading levels), a meta description, and a
favicon that answers. vnu.jar is installed by scripts/install_vnu.sh (`make test` runs it).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.text import slugify
from django_comments_xtd.models import XtdComment
from lxml import html

from cms.models import Author, ContentPage, HomeFocusTopic
from comments.models import CommentSettings
from demo.integrity import make_statement
from news.corrections import add_correction
from news.models import Correction
from tests import factories
from tests.comments.helpers import MUTE_LINK, confirm_latest, post_comment

BASE_DIR = Path(__file__).resolve().parent.parent
VNU_JAR = BASE_DIR / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_kind(content, settings):
    """The shared content with what else a page can show: a full author profile, a last
    update, a focus page and the home focus strip, and listings long enough to paginate."""
    settings.LISTING_PAGE_SIZE = 2
    writer, article, topic = content["writer"], content["article"], content["topic"]
    Author.objects.filter(pk=writer.pk).update(
        bio="Helen covers councils.",
        photo=factories.make_image("Helen Carter", 200, 200),
        x_url="https://x.com/helen",
        linkedin_url="https://www.linkedin.com/in/helen",
        declared_interests="Trustee of a housing charity.",
        interests_reviewed_on=timezone.localdate(),
    )
    statement = make_statement(factories.home_page())
    article.right_of_reply.create(
        subject="Northmoor ICB",
        approached_at=timezone.now(),
        deadline=timezone.now(),
        outcome="replied",
        reply="We disagree.",
        sort_order=0,
    )
    ContentPage.objects.filter(pk=article.pk).update(last_updated=factories.days_ago(0))
    factories.make_article(title="Audit office reports", topics=[content["other"]])
    article.related_items.create(related_page=content["first"], sort_order=0)
    focus = factories.make_focus(topic, pinned=[article], intro="<p>All about councils.</p>")
    HomeFocusTopic.objects.create(page=factories.home_page(), topic=content["other"])
    # Corrections (the box, the notice, /corrections/ over two pages) and a reusable licence.
    for item in (article, content["column"], content["video"]):
        add_correction(Correction(page=item, wrong="It said 12.", right="It is 13."), None)
    ContentPage.objects.filter(pk=article.pk).update(licence="ogl-3.0")
    return {
        **content,
        "focus": focus,
        "live": live_coverage(article, writer),
        "statement": statement,
    }


def live_coverage(article, writer):
    """A live page with an entry of every block, a key event and a pinned entry."""
    page = factories.make_live_page(
        title="Budget day live", authors=[writer], body=[LIVE_PARAGRAPH("Background.")]
    )
    image = factories.make_image("Dispatch box")
    make = factories.make_live_entry
    make(page, "Statement begins", is_key_event=True, headline="The statement", author=writer)
    make(page, body=[{"type": "image", "value": {"image": image.pk, "caption": "The box"}}])
    make(page, body=[{"type": "quote", "value": {"quote": "Hard choices.", "attribution": "MP"}}])
    make(page, body=[{"type": "embed", "value": {"video": "https://youtu.be/dQw4w9WgXcQ"}}])
    make(page, body=[{"type": "read_more", "value": {"page": article.pk}}], is_pinned=True)
    return page


def LIVE_PARAGRAPH(text):  # noqa: N802 - reads as the block it builds
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


@pytest.fixture
def site_pages(client, every_kind):
    """Every page kind readers reach without commenting, rendered: {name: response}."""
    sections, topic, writer = every_kind["sections"], every_kind["topic"], every_kind["writer"]
    urls = {
        "home": "/",
        "news section": sections["news"].url,
        "news section page 2": sections["news"].url + "?page=2",
        "article": every_kind["article"].url,
        "last word index": sections["opinion"].url,
        "last word column": every_kind["column"].url,
        "TV index": sections["tv"].url,
        "video": every_kind["video"].url,
        "topic list": "/topics/",
        "topic": f"/topics/{topic.slug}/",
        "author list": "/authors/",
        "author": f"/authors/{writer.slug}/",
        "focus index": every_kind["focus"].get_parent().url,
        "focus page": every_kind["focus"].url,
        "live page": every_kind["live"].url,
        "search": "/search/",
        "search results": f"/search/?q=bus&topic={topic.slug}",
        "search results page 2": "/search/?type=news&page=2",
        "search without results": "/search/?q=zebra+crossings",
        "search error": "/search/?date=yesterday",
        "feeds": "/feeds/",
        "corrections": "/corrections/",
        "corrections page 2": "/corrections/?page=2",
        "not found": "/no-such-page/",
        "accessibility statement": every_kind["statement"].url,
    }
    return {name: client.get(url) for name, url in urls.items()}


@pytest.fixture
def comment_pages(client, every_kind, site_pages):
    """The pages of commenting, and the article with its thread (after site_pages, which
    shows the article before anyone comments)."""
    article = every_kind["article"]
    pages = {}
    sent = post_comment(client, article, "Good news for commuters.", followup="on")
    assert sent.status_code == 302, sent.content.decode()[:2000]
    pages["comment sent"] = client.get(sent["Location"])
    pages["article with a comment"] = confirm_latest(client)
    top = XtdComment.objects.get()
    post_comment(client, article, "Agreed.", reply_to=top.pk, email="bo@example.org")
    confirm_latest(client)
    pages["article with a thread"] = client.get(article.url)
    pages["comment form errors"] = post_comment(client, article, "", email="not an address")
    pages["comment preview"] = post_comment(client, article, "Draft.", post=None, preview="1")
    pages["reply form"] = client.get(f"/comments/reply/{top.pk}/")
    pages["report form"] = client.get(f"/comments/report/{top.pk}/")
    pages["comment reported"] = client.post(f"/comments/report/{top.pk}/", {"reason": "spam"})
    pages["invalid link"] = client.get("/comments/confirm/not-a-key/")
    followups = [m.body for m in mail.outbox if m.to == ["ada@example.org"]]
    unsubscribe = MUTE_LINK.search(followups[-1]).group(0)
    pages["unsubscribed"] = client.get(unsubscribe.split("testserver", 1)[1])
    comment_settings = CommentSettings.for_site(every_kind["sections"]["news"].get_site())
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()
    post_comment(client, article, "Held for a moderator.", email="cy@example.org")
    pages["comment held"] = confirm_latest(client)
    return pages


@pytest.fixture
def newsletter_pages(client, every_kind, django_capture_on_commit_callbacks):
    """The newsletter pages a reader sees, from sign-up to preferences, and the email itself."""
    from django.http import HttpResponse

    from newsletters import links, sending
    from newsletters.models import NewsletterIssue, Subscriber
    from tests.newsletters.helpers import confirm_path, sign_up

    pages = {"newsletters": client.get("/newsletters/")}
    pages["newsletter sign-up errors"] = sign_up(client, "not an address", briefing=False)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "nl@example.org", topics=[every_kind["topic"].slug])
    pages["newsletter check your email"] = client.get("/newsletters/check-your-email/")
    path = confirm_path()
    pages["newsletter confirm"] = client.get(path)
    pages["newsletter confirmed"] = client.post(path)
    pages["newsletter link used"] = client.get(path)
    subscriber = Subscriber.objects.get()
    pages["newsletter preferences"] = client.get(links.preferences_path(subscriber))
    issue = NewsletterIssue.objects.create(
        subject="Budget week",
        intro="<p>Good morning.</p>",
        top_stories=[("story", every_kind["article"])],
        status="scheduled",
        send_at=timezone.now(),
    )
    sending.send_due()
    message = next(m for m in mail.outbox if m.subject == issue.subject)
    pages["newsletter email"] = HttpResponse(message.alternatives[0][0])
    briefing = subscriber.lists.get(kind="briefing")
    pages["newsletter unsubscribe"] = client.get(links.unsubscribe_path(subscriber, briefing))
    pages["newsletter unsubscribed"] = client.post(links.unsubscribe_path(subscriber, briefing))
    return pages


EXPECTED_STATUS = {
    "newsletter sign-up errors": 400,
    "newsletter link used": 410,
    "not found": 404,
    "search error": 400,
    "comment form errors": 400,
    "invalid link": 400,
}


def java():
    found = shutil.which("java")
    assert found, "No java on PATH: run scripts/install_system_packages.sh (openjdk-17)"
    return found


def vnu_errors(files):
    """{file name: [message, …]} for every error the Nu Html Checker finds in files."""
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run scripts/install_vnu.sh"
    result = subprocess.run(
        [java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(result.stderr)
    except ValueError:
        pytest.fail(f"vnu.jar did not answer in JSON (exit {result.returncode}):\n{result.stderr}")
    errors = {}
    for message in report["messages"]:
        name = Path(message.get("url", "")).stem or "?"
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        extract = " ".join(message.get("extract", "").split())
        errors.setdefault(name, []).append(f"{where}{message['message']} [{extract}]")
    return errors


def described(errors):
    return "\n".join(
        f"{name}:\n  " + "\n  ".join(messages) for name, messages in sorted(errors.items())
    )


def test_every_page_kind_passes_the_nu_html_checker(
    site_pages, newsletter_pages, comment_pages, tmp_path
):
    site_pages = {**site_pages, **newsletter_pages}
    pages = {**site_pages, **comment_pages}
    for name, response in pages.items():
        assert response.status_code == EXPECTED_STATUS.get(name, 200), name
        (tmp_path / f"{slugify(name)}.html").write_bytes(response.content)

    errors = vnu_errors(sorted(tmp_path.glob("*.html")))  # one JVM for every page

    errors = {name: errors[slugify(name)] for name in pages if slugify(name) in errors}
    assert not errors, described(errors)


def head(response):
    return html.fromstring(response.content).find("head")


def test_every_page_kind_has_a_meta_description(
    site_pages, newsletter_pages, comment_pages, every_kind
):
    newsletter_pages.pop("newsletter email")  # a message, not a page of the site
    for name, response in {**site_pages, **newsletter_pages, **comment_pages}.items():
        descriptions = head(response).xpath("meta[@name='description']/@content")
        assert len(descriptions) == 1 and descriptions[0].strip(), name
    strapline = "News and opinion for people who run public services"
    assert head(site_pages["home"]).xpath("meta[@name='description']/@content") == [strapline]
    video = head(site_pages["video"]).xpath("meta[@name='description']/@content")
    assert video == [strapline]  # no standfirst or search description of its own
    article = head(site_pages["article"]).xpath("meta[@name='description']/@content")
    assert article == [every_kind["article"].standfirst]


def test_a_search_description_beats_the_standfirst_and_social_text_stays_social(
    client, news_section
):
    article = factories.make_article(
        standfirst="The standfirst.",
        search_description="What search engines show.",
        social_text="What social networks show.",
    )
    page = head(client.get(article.url))
    assert page.xpath("meta[@name='description']/@content") == ["What search engines show."]
    assert page.xpath("meta[@property='og:description']/@content") == ["What social networks show."]


def test_the_linked_favicons_answer(client, site, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve static/ as collectstatic would
    icons = head(client.get("/")).xpath("link[@rel='icon']")
    assert {icon.get("type") for icon in icons} == {"image/svg+xml", None}
    for icon in icons:
        response = client.get(icon.get("href"))
        assert response.status_code == 200, icon.get("href")
        assert response["Content-Type"] in {
            "image/svg+xml",
            "image/x-icon",
            "image/vnd.microsoft.icon",
        }


def test_dates_read_in_the_house_style_and_are_valid_html_datetimes(client, content):
    article = content["article"]
    updated = factories.days_ago(0).replace(microsecond=123456)
    ContentPage.objects.filter(pk=article.pk).update(last_updated=updated)

    page = html.fromstring(client.get(article.url).content)

    published_time, updated_time = page.xpath("//p[@class='story__dates']//time")
    published = timezone.localtime(article.date)
    assert published_time.get("datetime") == published.isoformat(timespec="seconds")
    assert published_time.text == published.strftime("%d/%m/%Y")
    assert updated_time.get("datetime") == timezone.localtime(updated).isoformat(timespec="seconds")
    assert updated_time.text == timezone.localtime(updated).strftime("%d/%m/%Y %H:%M")
    teaser_time = page.xpath("//section[@class='more']//time")[0]
    assert teaser_time.text == timezone.localtime(content["first"].date).strftime("%d/%m/%Y")
    video = html.fromstring(client.get(content["video"].url).content)
    assert video.xpath("//figure[@class='story__video']//time/@datetime") == ["PT12M30S"]
