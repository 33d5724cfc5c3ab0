"""Uploads in an S3-compatible bucket (MEDIA_STORAGE=s3, cms/settings/production.py).

Only imported when configured, so django-storages and boto3 load only where they are used.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaBucketStorage(S3Storage):
    """django-storages' S3 storage whose files are linked at MEDIA_URL on this site, not at
    the bucket: `cms.media.serve_image` streams images from the bucket (Varnish caches
    them) and Wagtail's document view streams documents, so the bucket stays private, pages
    name no other host (the Content-Security-Policy allows images from this site only), and
    documents keep their privacy checks."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
