"""The change pipeline (cms/changes.py): each event purges exactly what it affects.

The frontend cache backend is a recording one (what Wagtail's purge_urls_from_cache hands
the configured backends, as Varnish would get it); each event runs in a captured
transaction whose on-commit step is then executed, as a commit would.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction, Site

from cms import changes
from cms.models import ChangeStamp, SiteSettings
from comments import actions
from news.corrections import add_correction, remove_correction
from news.models import Correction, NewsIndexPage
from tests import factories
from tests.background.helpers import run_due_tasks

pytestmark = pytest.mark.django_db

ROOT = "http://testserver"


class RecordingBackend(BaseBackend):
    """Remembers every URL it is asked to purge."""

    purged = []

    def __init__(self, params):
        super().__init__(params)

    def purge(self, url):
        RecordingBackend.purged.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []
    return RecordingBackend.purged


@pytest.fixture
def newsroom(news_section, purged):
    """An article filed under a topic with a focus page, by an author; a second section."""
    topic = factories.make_topic("Housing")
    author = factories.make_author("Asha Patel")
    other = factories.make_section(NewsIndexPage, "Archive", "archive")
    factories.make_focus(topic)
    article = factories.make_article(title="Council builds homes", topics=[topic], authors=[author])
    return article, topic, author, news_section, other


@pytest.fixture
def committed(django_capture_on_commit_callbacks, purged, new_transaction):
    """Run `change()` as one committed transaction; the set of URLs purged."""

    def run(change):
        new_transaction()
        purged.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        run_due_tasks()  # the worker: Wagtail queues each purge as a task
        assert len(purged) == len(set(purged)), "each URL is purged once"
        return set(purged)

    return run


def feeds(path):
    return {f"{path}feed/", f"{path}feed/atom/"}


def publish_set(article_path, section="/news/"):
    """What a publish of the newsroom's article makes stale, and nothing else."""
    return {
        ROOT + path
        for path in {
            article_path,
            section,
            "/",
            "/topics/housing/",
            "/authors/asha-patel/",
            "/focus/housing/",
            "/feeds/rss/",
            "/feeds/atom/",
            *feeds(section),
            *feeds("/topics/housing/"),
            *feeds("/authors/asha-patel/"),
            *feeds("/focus/housing/"),
            "/sitemap.xml",
            "/sitemap-pages.xml",
            "/sitemap-topics.xml",
            "/sitemap-authors.xml",
            "/news-sitemap.xml",
        }
    }


def comment_set(article_path):
    """The item's page and the listings whose teasers show its comment count."""
    paths = {article_path, "/news/", "/", "/topics/housing/", "/authors/asha-patel/"}
    return {ROOT + path for path in {*paths, "/focus/housing/"}}


def test_a_publish_purges_the_item_its_listings_feeds_and_sitemaps(newsroom, committed):
    article = newsroom[0]
    article.title = "Council builds more homes"

    assert committed(lambda: article.save_revision().publish()) == publish_set(article.url)


def test_an_unpublish_purges_the_same_set(newsroom, committed):
    article = newsroom[0]
    assert committed(article.unpublish) == publish_set(article.url)


def test_a_publish_that_drops_a_topic_purges_the_topic_it_left(newsroom, committed):
    article = newsroom[0]
    article.topics.set([])

    assert committed(lambda: article.save_revision().publish()) == publish_set(article.url)
    # Afterwards the item is in no topic: a second publish leaves the topic alone.
    left = committed(lambda: article.save_revision().publish())
    assert ROOT + "/topics/housing/" not in left and ROOT + "/focus/housing/" not in left


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_outside_a_transaction_purges_what_it_was_in(newsroom):
    """Wagtail publishes outside a transaction: the "before" event is recorded once the row
    is saved (recorded before it, its purge could reach the proxy while the old page is
    still there to fetch), still with the topic the item leaves."""
    article = newsroom[0]
    run_due_tasks()
    RecordingBackend.purged.clear()
    article.topics.set([])
    article.title = "Council builds more homes"

    article.save_revision().publish()
    run_due_tasks()

    assert set(RecordingBackend.purged) == publish_set(article.url)


def test_a_move_purges_both_sections_and_both_addresses(newsroom, committed):
    article, other = newsroom[0], newsroom[4]
    old_url = article.url

    moved = committed(lambda: article.move(other, pos="last-child"))

    new_url = "/archive/council-builds-homes/"
    assert moved == publish_set(old_url) | publish_set(new_url, section="/archive/")


def test_a_delete_purges_the_item_and_its_listings(newsroom, committed):
    article = newsroom[0]
    url = article.url
    assert committed(article.delete) == publish_set(url)


def test_scheduled_publishing_and_expiry_purge_like_a_publish(newsroom, committed):
    article = newsroom[0]
    article.title = "Council builds homes: scheduled"
    article.go_live_at = timezone.now() - timedelta(minutes=1)
    article.save_revision(approved_go_live_at=article.go_live_at)

    assert committed(lambda: call_command("publish_scheduled")) == publish_set(article.url)

    article.refresh_from_db()
    type(article).objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    assert committed(lambda: call_command("publish_scheduled")) == publish_set(article.url)


def test_a_topic_rename_purges_its_pages_and_its_items(newsroom, committed):
    article, topic = newsroom[0], newsroom[1]
    topic.name = "Homes"

    renamed = committed(topic.save)

    assert renamed == publish_set(article.url) | {ROOT + "/topics/"}


def test_an_author_rename_purges_their_pages_and_their_items(newsroom, committed):
    article, author = newsroom[0], newsroom[2]
    author.name = "Asha Patel-Jones"

    renamed = committed(author.save)

    assert renamed == publish_set(article.url) | {ROOT + "/authors/"}


def test_making_a_section_private_purges_what_was_in_it(newsroom, committed):
    article, section = newsroom[0], newsroom[3]

    private = committed(
        lambda: PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    )

    # The section itself (a listing of its own, in the menu) and the article in it.
    assert private == publish_set(article.url) | feeds(ROOT + "/news/")


def test_an_approved_comment_purges_its_item_and_the_listings_showing_its_count(
    newsroom, committed
):
    article = newsroom[0]
    held = []
    posted = committed(lambda: held.append(factories.make_comment(article, "Good news.")))
    moderator = get_user_model().objects.create_superuser("mod", "mod@example.org", "x")
    comment = held[0]

    assert posted == set()  # a comment held for review shows nowhere yet
    assert committed(lambda: actions.approve(comment, moderator)) == comment_set(article.url)
    assert committed(lambda: actions.remove(comment, moderator)) == comment_set(article.url)


def test_site_settings_purge_nothing_but_move_every_feed_and_fragment_on(newsroom, committed):
    before = changes.versions([changes.EVERYTHING])[changes.EVERYTHING]
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.strapline = "News for people who run things"

    assert committed(settings.save) == set()
    assert changes.versions([changes.EVERYTHING])[changes.EVERYTHING] != before


def test_the_stamps_commit_or_roll_back_with_the_change(newsroom, purged, new_transaction):
    from django.db import transaction

    new_transaction()
    article = newsroom[0]
    key = changes.topic_scope(newsroom[1].pk)
    before = changes.versions([key])[key]
    with transaction.atomic():
        article.save_revision().publish()
        assert changes.versions([key])[key] != before
        transaction.set_rollback(True)
    changes.forget_read_versions()
    assert changes.versions([key])[key] == before
    assert purged == []  # nothing committed, nothing purged


def test_compacting_keeps_every_scopes_version_and_last_change(newsroom):
    for _ in range(3):
        newsroom[0].save_revision().publish()
    keys = sorted(set(ChangeStamp.objects.values_list("key", flat=True)))
    changes.forget_read_versions()
    before = changes.versions(keys)
    last = {key: changes.last_changed([key]) for key in keys}
    assert ChangeStamp.objects.filter(key=changes.SITE).count() > 1

    assert changes.compact() > 0

    assert ChangeStamp.objects.filter(key=changes.SITE).count() == 1
    changes.forget_read_versions()
    assert changes.versions(keys) == before
    assert {key: changes.last_changed([key]) for key in keys} == last
    newsroom[0].save_revision().publish()  # and the next change still moves it on
    assert changes.versions([changes.SITE])[changes.SITE] != before[changes.SITE]


def test_every_minute_compacts_the_stamps(newsroom):
    from django.core.management import call_command

    newsroom[0].save_revision().publish()
    newsroom[0].save_revision().publish()
    call_command("every_minute", verbosity=0)
    assert ChangeStamp.objects.filter(key=changes.SITE).count() == 1


def test_fragments_follow_renames_and_comments_though_the_revision_is_the_same(client, newsroom):
    """The story fragment is kept per revision, the teaser strips per publish and comment:
    a warm page shows a renamed topic and a new comment count like a cold one would."""
    article, topic = newsroom[0], newsroom[1]
    neighbour = factories.make_article(title="Council repairs roads", topics=[topic])
    cold = client.get(article.url).content.decode()
    warm = client.get(article.url).content.decode()
    story = re.compile(r'<article class="story">.*?</article>', re.S)
    assert story.search(warm).group() == story.search(cold).group()
    assert "Housing" in cold and "Council repairs roads" in warm

    topic.name = "Homes and housing"
    topic.save()
    assert "Homes and housing" in client.get(article.url).content.decode()

    assert "1 comment" not in client.get(article.url).content.decode()
    factories.make_comment(neighbour, "Long overdue.", is_public=True)
    # The neighbour's teaser, in this story's "Latest news" strip, shows its new count.
    assert "1 comment" in client.get(article.url).content.decode()


def item_feeds_set(section="/news/"):
    """The feeds the newsroom's article is in."""
    paths = {
        "/feeds/rss/",
        "/feeds/atom/",
        *feeds(section),
        *feeds("/topics/housing/"),
        *feeds("/authors/asha-patel/"),
        *feeds("/focus/housing/"),
    }
    return {ROOT + path for path in paths}


def test_a_correction_purges_its_item_the_corrections_page_and_the_feeds_showing_them(
    newsroom, committed
):
    article = newsroom[0]
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "x")
    corrections = {ROOT + path for path in ("/corrections/", *feeds("/corrections/"))}
    expected = {ROOT + article.url} | corrections | item_feeds_set()
    story = changes.page_scope(article.pk)
    before = changes.versions([story, "corrections"])

    correction = Correction(page=article, wrong="It said 500.", right="It is 50.")
    assert committed(lambda: add_correction(correction, editor)) == expected
    after = changes.versions([story, "corrections"])
    assert after[story] != before[story] and after["corrections"] != before["corrections"]

    assert committed(lambda: remove_correction(correction, editor, "Wrong item")) == expected


def test_a_live_entry_purges_the_page_its_updates_addresses_and_its_feed(news_section, committed):
    page = factories.make_live_page(title="Budget day live")
    first = factories.make_live_entry(page)
    url = ROOT + page.url
    scope = f"live:{page.pk}"
    before = changes.versions([scope])[scope]

    posted = committed(lambda: factories.make_live_entry(page))

    # Readers poll with the previous newest entry (or, after a missed poll, none older).
    assert posted == {url, f"{url}updates/?since={first.pk}", *feeds(url)}
    assert changes.versions([scope])[scope] != before


def test_a_page_made_while_a_change_commits_is_marked_for_the_proxy(client, news_section, settings):
    """A change another process commits while a page is being made (after its stamps were
    read) may show only partly in it, and its purge can reach the proxy before the page
    does: the page says so (deploy/varnish/default.vcl then keeps it as already purged)."""
    from django.test.signals import template_rendered

    from cms.middleware import CHANGED_WHILE_RENDERING

    settings.PROXY_CACHE_SECONDS = 60
    article = factories.make_article(title="Parking charges frozen")
    quiet = client.get(article.url)

    def another_process_commits(**kwargs):
        template_rendered.disconnect(another_process_commits)
        ChangeStamp.objects.create(
            key=changes.page_scope(article.pk), version=7, changed_at=timezone.now()
        )

    template_rendered.connect(another_process_commits)
    try:
        during = client.get(article.url)
    finally:
        template_rendered.disconnect(another_process_commits)
    after = client.get(article.url)

    assert "s-maxage=60" in quiet["Cache-Control"] and CHANGED_WHILE_RENDERING not in quiet
    assert during[CHANGED_WHILE_RENDERING] == "1"
    assert CHANGED_WHILE_RENDERING not in after
