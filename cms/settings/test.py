"""Test settings: fast hashing, in-memory email and cache, media in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, os

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="cms-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="cms-test-static-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Whole-page caching is off unless a test turns it on (tests/cms/test_page_cache.py).
CACHE_MIDDLEWARE_SECONDS = 0
if not os.environ.get("DATABASE_URL"):
    # An in-memory SQLite database unless the PostgreSQL run supplies DATABASE_URL.
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
