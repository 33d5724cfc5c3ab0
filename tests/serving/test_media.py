"""Uploaded images are served by the app (Varnish caches them); nothing else in MEDIA_ROOT is."""

from pathlib import Path

import pytest
from django.conf import settings

from tests import factories


def _media_file(relative, content=b"secret"):
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.django_db
def test_originals_and_renditions_are_served_for_caching(client, site):
    image = factories.make_image()
    rendition = image.get_rendition("fill-100x100")

    for url in (image.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "public, max-age=3600"
        assert (
            b"".join(response.streaming_content)
            == Path(settings.MEDIA_ROOT, url.removeprefix(settings.MEDIA_URL)).read_bytes()
        )


@pytest.mark.parametrize(
    "path",
    [
        "documents/annual-report.pdf",  # documents go through Wagtail's view (privacy)
        "images/../documents/annual-report.png",
        "images/page.html",
        "original_images/../../db.sqlite3",
        "images/missing.png",
    ],
)
@pytest.mark.django_db
def test_nothing_but_existing_images_is_served(client, site, path):
    _media_file("documents/annual-report.pdf")
    _media_file("documents/annual-report.png")
    _media_file("images/page.html", b"<script>alert(1)</script>")

    assert client.get(f"/media/{path}").status_code == 404
