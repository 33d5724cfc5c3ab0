"""Production settings: they refuse to start half-configured, pass Django's deployment
checks when configured from the environment, and send the security headers."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from cms.embeds import parse_video_url

ROOT = Path(__file__).resolve().parents[2]
REAL = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "news.example.org",
    "WAGTAILADMIN_BASE_URL": "https://news.example.org",
}


def run_python(args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in ("DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", *REAL, "TWO_FACTOR_REQUIRED")
    }
    environment.update({**REAL, **env})
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )


def run_manage(*args, **env):
    return run_python(["manage.py", *args], **env)


def test_production_settings_pass_check_deploy():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must name the site's host(s)"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must name the site's host(s)"),
        ({"WAGTAILADMIN_BASE_URL": ""}, "WAGTAILADMIN_BASE_URL must be the site's address"),
        ({"WAGTAILADMIN_BASE_URL": "news.example.org"}, "WAGTAILADMIN_BASE_URL must be"),
        (
            {"WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"},
            "WAGTAILADMIN_BASE_URL's host '127.0.0.1' is not in ALLOWED_HOSTS",
        ),
        ({"DEBUG": "1"}, "DEBUG must be off in production"),
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "nfs"}, "MEDIA_STORAGE must be 'local' or 's3', not 'nfs'"),
    ],
)
def test_production_refuses_to_start_half_configured(env, message):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_leaves_out_the_demo_and_requires_two_factor():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "from django.core.management import get_commands; "
        "print(json.dumps({'demo': 'demo' in s.INSTALLED_APPS, "
        "'seed_demo': 'seed_demo' in get_commands(), 'two_factor': s.TWO_FACTOR_REQUIRED, "
        "'admins': s.ADMINS, 'gravatar': s.WAGTAIL_GRAVATAR_PROVIDER_URL, "
        "'update_check': s.WAGTAIL_ENABLE_UPDATE_CHECK}))"
    )
    result = run_python(["-c", script], ADMINS="ops@example.org, oncall@example.org")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "demo": False,
        "seed_demo": False,
        "two_factor": True,
        "admins": [["ops@example.org", "ops@example.org"], ["oncall@example.org"] * 2],
        "gravatar": None,
        "update_check": False,
    }


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
call_command("migrate", verbosity=0)
# Plain static storage: the manifest needs collectstatic, which has nothing to do with headers.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client(HTTP_HOST="news.example.org")
found = {}
for path in ("/", "/no-such-page/", "/admin/login/"):
    response = client.get(path, secure=True)
    found[path] = {
        "status": response.status_code,
        "csp": response.get("Content-Security-Policy"),
        "permissions": response.get("Permissions-Policy"),
    }
print(json.dumps(found))
"""


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture(scope="module")
def production_headers():
    result = run_python(["-c", HEADERS_SCRIPT], DATABASE_URL="sqlite://:memory:")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_public_pages_get_a_strict_content_security_policy(production_headers):
    for path in ("/", "/no-such-page/"):
        found = production_headers[path]
        assert found["status"] == (200 if path == "/" else 404)
        policy = directives(found["csp"])
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in found["csp"] and "'unsafe-eval'" not in found["csp"]
        assert "camera=()" in found["permissions"] and "geolocation=()" in found["permissions"]


def test_frame_src_allows_exactly_the_two_video_players(production_headers):
    players = {
        "{0.scheme}://{0.netloc}".format(urlsplit(parse_video_url(url).player_url))
        for url in ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://vimeo.com/76979871")
    }
    policy = directives(production_headers["/"]["csp"])
    assert set(policy["frame-src"]) == players
    assert len(policy["frame-src"]) == 2


def test_the_admin_has_its_own_looser_policy_that_keeps_requests_local(production_headers):
    found = production_headers["/admin/login/"]
    assert found["status"] == 200
    policy = directives(found["csp"])
    # Wagtail's admin writes inline scripts and styles (wagtail/wagtail#1288).
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert found["permissions"]


def test_no_template_or_script_file_needs_inline_script():
    """Inline scripts and event handlers would be refused by the CSP: none may creep in.

    JSON-LD (`<script type="application/ld+json">`) is data, which script-src does not cover.
    """
    import re

    offenders = []
    for path in [*(ROOT / "templates").rglob("*.html"), *(ROOT / "static").rglob("*.js")]:
        text = path.read_text()
        if path.parts[-3:-1] == ("templates", "wagtailadmin") or "/admin/" in str(path):
            continue  # admin pages have their own policy
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/ld+json" not in tag:
                offenders.append(f"{path}: {tag}")
        offenders += [f"{path}: {m}" for m in re.findall(r"\son[a-z]+\s*=\s*[\"']", text)]
        offenders += [f"{path}: {m}" for m in re.findall(r"javascript:", text)]
    assert offenders == []


def test_test_settings_send_the_same_public_policy():
    """The browser tests run under the test settings, so they check the real policy."""
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
    assert "cms.headers.SecurityHeadersMiddleware" in settings.MIDDLEWARE
