"""Anonymous readers get cached pages; a change makes exactly what it affects fresh (once it
has committed: these tests commit); nobody else is cached."""

import pytest
from django.contrib.auth import get_user_model

from cms.models import Topic
from tests import factories


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_listing_is_cached_until_something_is_published(client, sections, page_cache):
    factories.make_article(title="First story")
    url = sections["news"].url
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=60"
    assert b"First story" in first.content

    # Change the database behind the cache's back: the cached copy is still served.
    from wagtail.models import Page

    Page.objects.filter(title="First story").update(title="Quietly renamed")
    assert b"First story" in client.get(url).content

    # Publishing in the section makes its page fresh; another section's stays as it was.
    other = sections["tv"].url
    assert client.get(other).status_code == 200
    Page.objects.filter(pk=sections["tv"].pk).update(title="Quietly retitled")
    factories.make_article(title="Second story")
    fresh = client.get(url).content
    assert b"Second story" in fresh and b"Quietly renamed" in fresh
    assert b"Quietly retitled" not in client.get(other).content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unpublishing_removes_a_story_from_cached_pages(client, sections, page_cache):
    story = factories.make_article(title="Withdrawn story")
    assert b"Withdrawn story" in client.get("/").content
    story.unpublish()
    assert b"Withdrawn story" not in client.get("/").content
    assert client.get(story.url).status_code == 404


@pytest.mark.django_db
def test_signed_in_users_are_never_served_or_stored(client, sections, page_cache):
    factories.make_article(title="Story")
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(user)
    response = client.get(sections["news"].url)
    assert "public" not in response.get("Cache-Control", "")
    client.logout()
    from wagtail.models import Page

    Page.objects.filter(title="Story").update(title="Renamed story")
    # Nothing was stored for the signed-in user, so the reader sees the database.
    assert b"Renamed story" in client.get(sections["news"].url).content


@pytest.mark.django_db
def test_error_pages_are_not_cached(client, sections, page_cache):
    assert client.get("/topics/soon/").status_code == 404
    # bulk_create sends no signals: nothing is forgotten, yet the 404 was never stored.
    Topic.objects.bulk_create([Topic(name="Soon", slug="soon")])
    assert client.get("/topics/soon/").status_code == 200


@pytest.mark.django_db
def test_pages_asked_for_under_a_host_that_is_no_site_are_not_stored(client, sections, page_cache):
    # Wagtail answers any allowed host with the default site (an app server's own address),
    # but a change forgets pages only under the sites' hosts: such a copy would stay stale.
    factories.make_article(title="Story")
    url = sections["news"].url
    other_host = client.get(url, HTTP_HOST="10.0.0.5:8001")
    assert other_host["Cache-Control"] == "public, max-age=60"  # the proxy may still keep it
    assert client.get(url).status_code == 200  # stored under the site's host, testserver
    from wagtail.models import Page

    Page.objects.filter(title="Story").update(title="Renamed story")
    assert b"Renamed story" in client.get(url, HTTP_HOST="10.0.0.5:8001").content
    assert b"Renamed story" not in client.get(url).content
