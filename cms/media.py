"""Uploaded images served by the app itself, in every environment (README "Serving").

In the production stack Varnish caches them in front of gunicorn, so no separate file
server is needed. Only images and their renditions are served from MEDIA_ROOT: documents
go through Wagtail's document view, which enforces privacy, and nothing else uploaded is
public.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

IMAGE_FOLDERS = ("original_images/", "images/")  # Wagtail's originals and renditions
IMAGE_EXTENSIONS = {".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp"}
IMAGE_MAX_AGE = 3600  # a changed image gets a new file name; an hour bounds any surprise


def serve_image(request, path):
    """An uploaded image or rendition, or 404."""
    path = posixpath.normpath(path).lstrip("/")
    if not path.startswith(IMAGE_FOLDERS) or posixpath.splitext(path)[1].lower() not in (
        IMAGE_EXTENSIONS
    ):
        raise Http404("No such image.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={IMAGE_MAX_AGE}"
    return response
