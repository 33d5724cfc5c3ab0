"""Local development: debug on, console email, a fixed throwaway secret, the demo command."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, os

DEBUG = os.environ.get("DEBUG", "1").lower() in {"1", "true", "yes", "on"}
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
