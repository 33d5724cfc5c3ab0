"""The demo content command makes a realistic, valid site, once."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import Author, ContentPage, Topic
from live.models import LiveEntry, LivePage
from news.models import ArticlePage, Correction, VideoPage
from opinion.models import LastWordPage


@pytest.mark.django_db
def test_seed_demo_builds_the_publication_once_and_scales(client):
    call_command("seed_demo", host="news.example.org", port=443, stdout=None)
    counts = {
        "articles": ArticlePage.objects.live().count(),
        "columns": LastWordPage.objects.live().count(),
        "videos": VideoPage.objects.live().count(),
        "topics": Topic.objects.count(),
        "authors": Author.objects.count(),
        "images": get_image_model().objects.count(),
    }
    assert counts["articles"] >= 60
    assert counts["columns"] >= 6
    assert counts["videos"] >= 4
    assert counts["topics"] >= 8
    assert counts["authors"] >= 8
    assert counts["images"] >= 10
    used_topics = Topic.objects.filter(pages__live=True).distinct().count()
    assert used_topics >= 8
    assert ArticlePage.objects.filter(live=False, go_live_at__isnull=False).count() == 1
    live = LivePage.objects.live().get()
    assert live.entries.count() == 12 and live.entries.filter(is_key_event=True).count() >= 3
    assert live.pinned_entry is not None
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("news.example.org", 443)
    # Corrections and licences (issue 14): two corrections, a clarification, three licences.
    kinds = list(Correction.objects.shown().values_list("kind", flat=True))
    assert kinds.count("correction") >= 2 and "clarification" in kinds
    licences = set(ContentPage.objects.live().exclude(licence="").values_list("licence", flat=True))
    assert licences == {"ogl-3.0", "cc-by-4.0", "cc-by-nd-4.0"}

    # Running it again adds nothing.
    call_command("seed_demo", host="news.example.org", port=443)
    assert ArticlePage.objects.live().count() == counts["articles"]
    assert Correction.objects.count() == len(kinds)
    assert get_image_model().objects.count() == counts["images"]
    assert LiveEntry.objects.count() == 12

    # Scale mode appends valid, live, listed, searchable articles.
    call_command("seed_demo", articles=30, batch_size=12)
    assert ArticlePage.objects.live().count() == counts["articles"] + 30
    assert Page.find_problems() == ([], [], [], [], [])
    bulk = ArticlePage.objects.filter(slug__startswith="bulk-").order_by("-pk").first()
    assert bulk.topics.exists() and bulk.authors
    assert bulk.sort_date is not None
    response = client.get(bulk.url, HTTP_HOST="news.example.org", secure=True)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").h1.get_text() == bulk.title
    assert ContentPage.objects.live().search(bulk.title.split()[0]).count() > 0


@pytest.mark.django_db
def test_seed_demo_refuses_a_database_with_content_it_did_not_create(site):
    from django.contrib.auth import get_user_model
    from django.core.management.base import CommandError

    from tests import factories

    factories.make_article(title="A real story")
    factories.make_topic("Real topic")
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", host="demo.example.org", port=80)
    message = str(refused.value)
    assert "already holds content seed_demo did not create" in message
    assert "2 pages" in message and "1 topics" in message  # the story and its section
    # Nothing was touched: no demo stories, accounts or site change.
    assert ArticlePage.objects.count() == 1
    assert not get_user_model().objects.filter(username__in=["editor", "writer"]).exists()
    assert Site.objects.get(is_default_site=True).hostname == "testserver"


@pytest.mark.django_db
def test_seed_demo_adopts_a_database_it_seeded_before_it_marked_them(site):
    from demo import ownership
    from demo.models import DemoDatabase

    call_command("seed_demo", host="news.example.org", port=443)
    articles = ArticlePage.objects.count()
    DemoDatabase.objects.all().delete()  # as on a database seeded by an older seed_demo
    assert ownership.foreign_content()["pages"] > 60
    call_command("seed_demo", host="news.example.org", port=443)
    assert ArticlePage.objects.count() == articles
    assert DemoDatabase.objects.count() == 1
