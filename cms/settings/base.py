"""Settings shared by every environment, configured from the environment.

`DATABASE_URL` picks the database (a SQLite file by default), `ELASTICSEARCH_URL` switches
search from Wagtail's database backend to Elasticsearch. See README for the full list.
"""

import os
from datetime import timedelta
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


def redis_cache(location, key_prefix="cms"):
    """The CACHES entry for a Redis at `location` (django-redis, reading a page's keys in
    one round trip: cms/shared_cache.py): a Redis that stops answering fails a request
    within a second (and /healthz/ says so) rather than holding every worker."""
    return {
        "BACKEND": "cms.shared_cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }


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
# No default: development and test settings name their own hosts, and production refuses
# to start without real ones (cms/settings/production.py).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "news",
    "live",
    "opinion",
    "search",
    "django_comments_xtd",
    "django_comments",
    # After django_comments_xtd: its ready() connects a signal handler that ours replaces.
    "comments",
    "background",
    "django_tasks",
    "django_tasks_db",
    "newsletters",
    "mostread",
    "rest_framework",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    # Not "wagtail.contrib.frontend_cache": its page-publish purges would double the change
    # pipeline's (cms/changes.py), which sends them through the same backends.
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
    # Outermost: its duration and X-Request-ID cover every other middleware.
    "cms.request_log.RequestLogMiddleware",
    "cms.middleware.UpdatePageCacheMiddleware",
    "comments.middleware.PrivateFormPagesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.headers.SecurityHeadersMiddleware",
    # Before anything reads the session, the form or the database (cms/http.py).
    "cms.http.RefuseMalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.two_factor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    # /healthz/ (cms/health.py): before the page cache reads the cache for it.
    "cms.health.HealthCheckMiddleware",
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

# django-axes checks every sign-in first, so a locked-out address or account is refused
# before its password is even tried.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

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

# Whole pages are cached for anonymous readers (as long as their max-age says) and forgotten
# URL by URL by the change pipeline (cms/changes.py); browsers may keep a page for a minute.
CACHE_MIDDLEWARE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
CACHE_MIDDLEWARE_KEY_PREFIX = "page"
CACHE_MIDDLEWARE_ALIAS = "default"
BROWSER_CACHE_SECONDS = env_int("BROWSER_CACHE_SECONDS", 60)

# The caching proxy in front (README "Serving", deploy/varnish/default.vcl). With
# FRONTEND_CACHE_URL set (Varnish's address, e.g. http://127.0.0.1:8080), Wagtail's frontend
# cache backends send it a PURGE for every URL a change makes stale (cms/changes.py, once
# the change has committed: Varnish fetches the page again at once). Shared caches keep a
# page as long as browsers do (max-age) unless PROXY_CACHE_SECONDS gives them an s-maxage.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "").strip()
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
PROXY_CACHE_SECONDS = env_int("PROXY_CACHE_SECONDS", 0)
# Live coverage (README "Live coverage"): readers' pages ask for new entries every
# LIVE_POLL_SECONDS; the proxy keeps a live page and its updates for LIVE_PROXY_SECONDS
# unless an entry purges them first.
LIVE_POLL_SECONDS = env_int("LIVE_POLL_SECONDS", 20)
LIVE_PROXY_SECONDS = env_int("LIVE_PROXY_SECONDS", 60)

SITE_ID = 1

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Public Sector Today")
# No default: development and test settings supply theirs, production refuses to start without.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").strip()
# No admin page asks anything of another machine: avatars are initials or uploaded, and
# the dashboard does not fetch upgrade news.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Documents always go through Wagtail's view, which checks privacy, also from a bucket
# (whose default would redirect to the file's URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Video embeds are made offline from the URL alone: no oEmbed request ever leaves the
# machine, and an unknown provider is a validation error, not a network call.
WAGTAILEMBEDS_FINDERS = [{"class": "cms.embeds.VideoEmbedFinder"}]

# One node, or several nodes of one cluster separated by commas (search/elastic.py uses all).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "").strip()
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "cms")
# Seconds a reader's search waits for Elasticsearch before the database answers instead, and
# seconds to leave it alone after a failure (search/elastic.py).
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 5)
ELASTICSEARCH_RETRY_AFTER = env_int("ELASTICSEARCH_RETRY_AFTER", 30)
_ELASTICSEARCH_NODES = [node.strip() for node in ELASTICSEARCH_URL.split(",") if node.strip()]
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": _ELASTICSEARCH_NODES,
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}-wagtail-",
            "TIMEOUT": 10,
            # As search/elastic.py: what one node cannot answer is asked of the next.
            "OPTIONS": {
                "max_retries": len(_ELASTICSEARCH_NODES) - 1,
                "retry_on_timeout": len(_ELASTICSEARCH_NODES) > 1,
            },
            "INDEX_SETTINGS": {},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Email: console in development, SMTP configured from the environment in production.
# Background work (background/): tasks are rows in the database, run by `manage.py db_worker`.
# Proxy purges have a queue of their own (cms.changes.PURGE_QUEUE) and a worker that polls
# it every 0.1 s, so a reader sees a change within a second (README, Serving).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "purges"]}}
# A worker waits this long at most for the mail server (Django's default is for ever).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsdesk@publicsectortoday.example")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Reader comments (django-comments-xtd; our rules live in the `comments` app, see README).
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_FORM_CLASS = "comments.forms.CommentForm"
COMMENTS_XTD_CONFIRM_EMAIL = True  # guests confirm by email; signed-in users skip it
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # a comment, a reply, a reply to the reply
COMMENTS_XTD_THREADED_EMAILS = False  # no mail threads; ours send after commit (comments/)
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_SALT = b"public-sector-today-comments"
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 3000)
COMMENTS_RATE_LIMIT_PER_IP = env_int("COMMENTS_RATE_LIMIT_PER_IP", 10)
COMMENTS_RATE_LIMIT_PER_EMAIL = env_int("COMMENTS_RATE_LIMIT_PER_EMAIL", 5)
COMMENTS_RATE_LIMIT_MINUTES = env_int("COMMENTS_RATE_LIMIT_MINUTES", 60)
COMMENTS_REPORTS_PER_READER = env_int("COMMENTS_REPORTS_PER_READER", 10)  # per window
COMMENTS_CONFIRMATION_EMAILS_PER_HOUR = env_int("COMMENTS_CONFIRMATION_EMAILS_PER_HOUR", 3)
COMMENTS_IP_RETENTION_DAYS = env_int("COMMENTS_IP_RETENTION_DAYS", 30)
COMMENTS_TRUSTED_PROXIES = env_int("COMMENTS_TRUSTED_PROXIES", 0)  # proxies adding X-Forwarded-For

# Newsletters (README "Newsletters"): sender and one-click mailto address, how long a
# confirmation link works, sign-ups per reader network / address per hour, messages per
# batch, SMTP connections used at once, when topic alerts go out (local time), when
# failures unsubscribe.
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", "")
NEWSLETTER_UNSUBSCRIBE_EMAIL = os.environ.get("NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
NEWSLETTER_CONFIRM_HOURS = env_int("NEWSLETTER_CONFIRM_HOURS", 48)
NEWSLETTER_SIGNUPS_PER_IP = env_int("NEWSLETTER_SIGNUPS_PER_IP", 10)
NEWSLETTER_SIGNUPS_PER_EMAIL = env_int("NEWSLETTER_SIGNUPS_PER_EMAIL", 3)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)
NEWSLETTER_SMTP_CONNECTIONS = env_int("NEWSLETTER_SMTP_CONNECTIONS", 4)
NEWSLETTER_ALERT_TIME = os.environ.get("NEWSLETTER_ALERT_TIME", "07:00")
NEWSLETTER_HARD_FAILURE_LIMIT = env_int("NEWSLETTER_HARD_FAILURE_LIMIT", 3)
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 3)
NEWSLETTER_LEASE_SECONDS = env_int("NEWSLETTER_LEASE_SECONDS", 300)

# Most read (README "Most read"): items in the block, seconds between recomputing the top
# lists, how long one reader's read of one item counts once, beacons one reader may send
# per hour (0: no limit), days of hourly counts kept.
MOST_READ_ITEMS = env_int("MOST_READ_ITEMS", 5)
MOST_READ_REFRESH_SECONDS = env_int("MOST_READ_REFRESH_SECONDS", 300)
MOST_READ_DEDUPE_SECONDS = env_int("MOST_READ_DEDUPE_SECONDS", 1800)
MOST_READ_BEACONS_PER_READER = env_int("MOST_READ_BEACONS_PER_READER", 120)
MOST_READ_KEEP_DAYS = env_int("MOST_READ_KEEP_DAYS", 8)

# How many items a listing shows per page.
LISTING_PAGE_SIZE = env_int("LISTING_PAGE_SIZE", 20)

# Feeds (README "Feeds"): items per feed, seconds a built feed stays in the cache (0: no
# cache), seconds clients and proxies may reuse it, and a fixed tag-URI authority for ids.
FEED_ITEMS = env_int("FEED_ITEMS", 50)
FEED_CACHE_SECONDS = env_int("FEED_CACHE_SECONDS", 3600)
FEED_MAX_AGE = env_int("FEED_MAX_AGE", 300)
FEED_ID_AUTHORITY = os.environ.get("FEED_ID_AUTHORITY", "")

# README "Trust and accessibility": how many months a columnist's declaration of interests
# stays current; after that their columns cannot be published.
DECLARATION_MAX_AGE_MONTHS = env_int("DECLARATION_MAX_AGE_MONTHS", 12)

# Security (README "Security").
# Content-Security-Policy (django-csp 4 format) on every public page: scripts and styles only
# from our own static files, video players only from the two hosts cms/embeds.py builds
# players for. JSON-LD blocks are data, which browsers never run, so script-src leaves them be.
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Wagtail's admin still writes inline scripts and styles (InlinePanel, date pickers,
# focal points: wagtail/wagtail#1288), so /admin/ gets this looser policy; it still keeps
# every request on this machine, and allows the page preview to frame the admin itself.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'", *VIDEO_PLAYER_ORIGINS],
        "frame-ancestors": ["'self'"],
    },
}
ADMIN_URL_PREFIX = "/admin/"
# Browser features no page of ours uses are switched off for us and for any frame.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Admin sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures from one address
# or for one account, sign-in is refused (429, our message) for AXES_COOLOFF_MINUTES.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]  # each alone, not the pair
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.refusals.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "comments.ratelimit.client_ip"  # the same proxy rules as comments
# Axes' own log lines name the account and address; ours say only where it happened.
AXES_CLIENT_STR_CALLABLE = "cms.refusals.client_str"
AXES_USERNAME_CALLABLE = "cms.refusals.attempted_username"  # length-safe (cms/refusals.py)
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # no record of successful sign-ins is needed for throttling
AXES_ENABLE_ADMIN = False

# Two-factor sign-in for staff (django-otp, TOTP; cms/two_factor.py). When required,
# superusers and members of TWO_FACTOR_GROUPS enrol an authenticator app on their next
# sign-in and give a code from it every time after; anyone else who has enrolled is asked
# too. Off here so development and tests sign in with a password; production turns it on.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
TWO_FACTOR_GROUPS = env_list("TWO_FACTOR_GROUPS", "Editors")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

CSRF_FAILURE_VIEW = "cms.refusals.csrf_failure"

# /healthz/ (cms/health.py): name -> a check that raises when its service is unusable.
# An app with a service of its own adds its check here.
HEALTH_CHECKS = {
    "database": "cms.health.check_database",
    "cache": "cms.health.check_cache",
    "search": "search.health.check_search",
    "task_queue": "background.health.check_task_queue",
}
# A due task waiting longer than this for a worker makes /healthz/ a 503 (no worker runs).
TASK_QUEUE_MAX_WAIT_SECONDS = env_int("TASK_QUEUE_MAX_WAIT_SECONDS", 300)

# Who is emailed the details of server errors (500s): comma-separated addresses.
ADMINS = [(address, address) for address in env_list("ADMINS")]

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
# LOG_FORMAT=json: every console line is one JSON object (for a log collector), and each
# request is logged with its id, method, path, status and duration (cms/request_log.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'text' or 'json', not {LOG_FORMAT!r}")
# One JSON object per line on "cms.refusals" for every refusal worth counting (throttled
# sign-in, CSRF failure, rate limits): an event name and facts, never a person's data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "cms.refusals.JSONFormatter"}},
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "request_id": {"()": "cms.request_log.RequestIdFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        },
        "refusals": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        },
        # No handler at all would mean Python's last-resort handler prints the line anyway.
        "discard": {"class": "logging.NullHandler"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "loggers": {
        "cms.refusals": {"handlers": ["refusals"], "level": "INFO", "propagate": False},
        "cms.requests": {
            "handlers": ["console"],
            "level": "INFO" if LOG_FORMAT == "json" else LOG_LEVEL,
            "propagate": False,
        },
        "django": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
        # Our "csrf_failure" event replaces Django's own line.
        "django.security.csrf": {"handlers": ["discard"], "propagate": False},
        # search.elastic says when a cluster node stops and starts answering, in one line
        # each; the client library's per-request retry warnings and tracebacks say it again.
        "elastic_transport": {"level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
