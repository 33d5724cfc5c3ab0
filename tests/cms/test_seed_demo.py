"""The demo content command makes a realistic, valid site, once."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import Author, ContentPage, Topic
from news.models import ArticlePage, VideoPage
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
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("news.example.org", 443)

    # Running it again adds nothing.
    call_command("seed_demo", host="news.example.org", port=443)
    assert ArticlePage.objects.live().count() == counts["articles"]
    assert get_image_model().objects.count() == counts["images"]

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
