"""The fragments an uncached page is made of (the home page's listings; a story's head and
breadcrumbs) are kept per live revision and the versions of what they show
(cms/changes.py): kept while nothing changes, fresh at once after a change."""

import pytest
from wagtail.models import Page

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_home_pages_listings_show_a_publish_and_a_comment_at_once(client, sections):
    story = factories.make_article(title="Pier reopens")
    assert b"Pier reopens" in client.get("/").content

    # Behind the change pipeline's back: the kept fragment is served.
    Page.objects.filter(pk=story.pk).update(title="Quietly renamed")
    assert b"Pier reopens" in client.get("/").content

    factories.make_article(title="Harbour dredged")
    fresh = client.get("/").content.decode()
    assert "Harbour dredged" in fresh and "Quietly renamed" in fresh

    factories.make_comment(story, "Good news for the town.", is_public=True)
    assert "1 comment" in client.get("/").content.decode()


def test_a_storys_head_and_breadcrumbs_follow_its_topics_and_section(client, sections):
    topic = factories.make_topic("Housing")
    story = factories.make_article(title="Rents rise", topics=[topic])
    tag = '<meta property="article:tag" content="{}">'
    assert tag.format("Housing") in client.get(story.url).content.decode()

    topic.name = "Homes"
    topic.save()
    page = client.get(story.url).content.decode()
    assert tag.format("Homes") in page and tag.format("Housing") not in page

    section = sections["news"]
    section.title = "Local news"
    section.save_revision().publish()
    page = client.get(story.url).content.decode()
    assert '">Local news</a></li>' in page  # the breadcrumbs
    assert '"name": "Local news"' in page or '"name":"Local news"' in page  # the JSON-LD trail
