"""Uploaded images served by the app itself, in every environment (README "Serving").

In the production stack Varnish caches them in front of gunicorn, so no separate file
server is needed. They are read through the default storage, so the same view serves a
local MEDIA_ROOT and an S3-compatible bucket (cms/media_storage.py). Only images and their
renditions are served: documents go through Wagtail's document view, which enforces
privacy, and nothing else uploaded is public.
"""

import mimetypes
import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

IMAGE_FOLDERS = ("original_images/", "images/")  # Wagtail's originals and renditions
IMAGE_EXTENSIONS = {".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp"}
IMAGE_MAX_AGE = 3600  # a changed image gets a new file name; an hour bounds any surprise


def serve_image(request, path):
    """An uploaded image or rendition, or 404."""
    path = posixpath.normpath(path).lstrip("/")
    extension = posixpath.splitext(path)[1].lower()
    if not path.startswith(IMAGE_FOLDERS) or extension not in IMAGE_EXTENSIONS:
        raise Http404("No such image.")
    try:
        file = default_storage.open(path)
    except (FileNotFoundError, IsADirectoryError):
        raise Http404("No such image.") from None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={IMAGE_MAX_AGE}"
    return response
