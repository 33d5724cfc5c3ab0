"""Production: everything secret or host-specific comes from the environment.

Importing this module refuses to start (ImproperlyConfigured) without a real SECRET_KEY,
ALLOWED_HOSTS and WAGTAILADMIN_BASE_URL, or with DEBUG on.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, env_bool, env_int, os, redis_cache


def require_real_hosts(allowed_hosts, admin_base_url):
    """Refuse a production start whose hosts are missing or could never be the real site."""
    if not allowed_hosts or "*" in allowed_hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must name the site's host(s), comma-separated (not '*')."
        )
    parts = urlsplit(admin_base_url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        raise ImproperlyConfigured(
            "WAGTAILADMIN_BASE_URL must be the site's address, e.g. https://news.example.org "
            f"(it is used in links sent by email), not {admin_base_url!r}."
        )
    if not validate_host(host, allowed_hosts):
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL's host {host!r} is not in ALLOWED_HOSTS {allowed_hosts}."
        )


if env_bool("DEBUG", False):
    raise ImproperlyConfigured(
        "DEBUG must be off in production: its error pages show settings and source code."
    )
DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 50+ characters.")
require_real_hosts(ALLOWED_HOSTS, WAGTAILADMIN_BASE_URL)  # noqa: F405

# The demo content command publishes fake stories and accounts with known passwords.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "demo"]

# Editors and superusers sign in with a code from an authenticator app; each enrols a
# device on their first sign-in, so the first administrator is never locked out.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads: MEDIA_ROOT on this machine (one server, or a folder every server mounts), or an
# S3-compatible bucket every app server and worker shares. Either way the site links them
# at MEDIA_URL and serves them itself (cms/media.py, cms/media_storage.py).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower()
if MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    STORAGES["default"] = {
        "BACKEND": "cms.media_storage.MediaBucketStorage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            # Unset: Amazon S3; else the store's address (MinIO, Ceph, Garage, ...).
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("AWS_LOCATION", ""),  # a key prefix, e.g. "media"
            # Two uploads named photo.jpg must both survive (Wagtail renames the second).
            "file_overwrite": False,
            "default_acl": None,  # the bucket's own policy: private
        },
        # Credentials: boto3's usual chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in
        # the environment, ~/.aws, or the machine's role), so no secret sits in settings.
    }
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {MEDIA_STORAGE!r}.")

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Every app server and worker process shares one cache: a fragment built by one serves
# them all (its key holds the change pipeline's stamps, database rows: cms/changes.py), and
# a page forgotten after a change is forgotten for all. With REDIS_URL that is Redis
# (django-redis); without it, a folder shared by the processes of this machine.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    _default_cache = redis_cache(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "cms"))
    # Sessions are read from Redis and written through to the database, so an editor
    # stays signed in on every app server, and a Redis restart or eviction signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    _default_cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20000)},
    }
CACHES = {
    "default": _default_cache,
    "renditions": CACHES["renditions"],  # noqa: F405
}
