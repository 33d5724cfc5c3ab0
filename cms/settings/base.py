"""Settings shared by every environment, configured from the environment.

`DATABASE_URL` picks the database (a SQLite file by default), `ELASTICSEARCH_URL` switches
search from Wagtail's database backend to Elasticsearch. See README for the full list.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list of non-empty strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    """Read a whole number from the environment, failing loudly on nonsense."""
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "news",
    "opinion",
    "search",
    "demo",
    "django_comments_xtd",
    "django_comments",
    # After django_comments_xtd: its ready() connects a signal handler that ours replaces.
    "comments",
    "newsletters",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "cms.middleware.UpdatePageCacheMiddleware",
    "comments.middleware.PrivateFormPagesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.FetchPageFromCacheMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the busy timeout waits for the lock
    # instead of failing with "database is locked" when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# The house date style (d/m/Y) for `|date` in templates: cms/formats/en_GB/formats.py.
FORMAT_MODULE_PATH = ["cms.formats"]

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cms",
    },
    # Wagtail keeps image rendition details here; per process is right for them, and it
    # spares the shared default cache a write for every picture on every page.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Whole pages are cached for anonymous readers and dropped whenever content is published
# (cms/cache.py); browsers may keep a page for a minute.
CACHE_MIDDLEWARE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
CACHE_MIDDLEWARE_KEY_PREFIX = "page"
CACHE_MIDDLEWARE_ALIAS = "default"
BROWSER_CACHE_SECONDS = env_int("BROWSER_CACHE_SECONDS", 60)

SITE_ID = 1

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Public Sector Today")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# Video embeds are made offline from the URL alone: no oEmbed request ever leaves the
# machine, and an unknown provider is a validation error, not a network call.
WAGTAILEMBEDS_FINDERS = [{"class": "cms.embeds.VideoEmbedFinder"}]

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "").strip()
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "cms")
# Seconds a reader's search waits for Elasticsearch before the database answers instead, and
# seconds to leave it alone after a failure (search/elastic.py).
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 5)
ELASTICSEARCH_RETRY_AFTER = env_int("ELASTICSEARCH_RETRY_AFTER", 30)
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}-wagtail-",
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Email: console in development, SMTP configured from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsdesk@publicsectortoday.example")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Reader comments (django-comments-xtd; our rules live in the `comments` app, see README).
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_FORM_CLASS = "comments.forms.CommentForm"
COMMENTS_XTD_CONFIRM_EMAIL = True  # guests confirm by email; signed-in users skip it
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # a comment, a reply, a reply to the reply
COMMENTS_XTD_THREADED_EMAILS = False  # send in the request, through EMAIL_BACKEND
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_SALT = b"public-sector-today-comments"
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 3000)
COMMENTS_RATE_LIMIT_PER_IP = env_int("COMMENTS_RATE_LIMIT_PER_IP", 10)
COMMENTS_RATE_LIMIT_PER_EMAIL = env_int("COMMENTS_RATE_LIMIT_PER_EMAIL", 5)
COMMENTS_RATE_LIMIT_MINUTES = env_int("COMMENTS_RATE_LIMIT_MINUTES", 60)
COMMENTS_IP_RETENTION_DAYS = env_int("COMMENTS_IP_RETENTION_DAYS", 30)
COMMENTS_TRUSTED_PROXIES = env_int("COMMENTS_TRUSTED_PROXIES", 0)  # proxies adding X-Forwarded-For

# Newsletters (README "Newsletters"): sender and one-click mailto address, how long a
# confirmation link works, sign-ups per reader network / address per hour, messages per
# SMTP connection, when topic alerts go out (local time), when failures unsubscribe.
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", "")
NEWSLETTER_UNSUBSCRIBE_EMAIL = os.environ.get("NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
NEWSLETTER_CONFIRM_HOURS = env_int("NEWSLETTER_CONFIRM_HOURS", 48)
NEWSLETTER_SIGNUPS_PER_IP = env_int("NEWSLETTER_SIGNUPS_PER_IP", 10)
NEWSLETTER_SIGNUPS_PER_EMAIL = env_int("NEWSLETTER_SIGNUPS_PER_EMAIL", 3)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)
NEWSLETTER_ALERT_TIME = os.environ.get("NEWSLETTER_ALERT_TIME", "07:00")
NEWSLETTER_HARD_FAILURE_LIMIT = env_int("NEWSLETTER_HARD_FAILURE_LIMIT", 3)
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 3)
NEWSLETTER_LEASE_SECONDS = env_int("NEWSLETTER_LEASE_SECONDS", 300)

# How many items a listing shows per page.
LISTING_PAGE_SIZE = env_int("LISTING_PAGE_SIZE", 20)

# Feeds (README "Feeds"): items per feed, seconds a built feed stays in the cache (0: no
# cache), seconds clients and proxies may reuse it, and a fixed tag-URI authority for ids.
FEED_ITEMS = env_int("FEED_ITEMS", 50)
FEED_CACHE_SECONDS = env_int("FEED_CACHE_SECONDS", 3600)
FEED_MAX_AGE = env_int("FEED_MAX_AGE", 300)
FEED_ID_AUTHORITY = os.environ.get("FEED_ID_AUTHORITY", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
