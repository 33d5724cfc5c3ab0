"""Libraries only some configurations use stay out of the processes of the others: the
Elasticsearch client packages load only with ELASTICSEARCH_URL, psycopg only with a
PostgreSQL database (each costs every gunicorn worker megabytes: README "Performance").

Each case is a fresh process with production settings (plus the demo content) that loads
the site as gunicorn's master does and serves the reader's pages, the API and /healthz/.
"""

import json
import shutil

import pytest

from tests.cms.test_settings import run_manage, run_python

OPTIONAL = ("elasticsearch", "elasticsearch_dsl", "elastic_transport", "psycopg")

SERVE_SCRIPT = """
import json, sys, django
django.setup()
from django.test import Client
from django.test.utils import override_settings
from django.urls import get_resolver
from news.models import ArticlePage, NewsIndexPage

get_resolver().url_patterns  # what deploy/gunicorn.conf.py loads before the workers fork
# Plain static storage: the manifest needs collectstatic, which has nothing to do with this.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client(HTTP_HOST="news.example.org")
article = ArticlePage.objects.live().first()
paths = ["/", article.url, NewsIndexPage.objects.live().first().url, "/search/?q=council",
         f"/api/v2/pages/{article.pk}/", "/healthz/"]
statuses = {path: client.get(path, secure=True).status_code for path in paths}
optional = %r
print(json.dumps({"statuses": statuses, "loaded": [m for m in optional if m in sys.modules]}))
"""

DEMO = {"DJANGO_SETTINGS_MODULE": "cms.settings.benchmark"}


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    """A SQLite file with the demo content, made once; each case gets its own copy."""
    folder = tmp_path_factory.mktemp("optional-libraries")
    env = {**DEMO, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
    env["MEDIA_ROOT"] = str(folder / "media")
    for command in (["migrate", "-v0"], ["seed_demo"]):
        result = run_manage(*command, **env)
        assert result.returncode == 0, result.stdout + result.stderr
    return folder


def serve(demo_database, tmp_path, **env):
    shutil.copy(demo_database / "db.sqlite3", tmp_path / "db.sqlite3")
    result = run_python(
        ["-c", SERVE_SCRIPT % (OPTIONAL,)],
        **DEMO,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(demo_database / "media"),
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_site_on_sqlite_searching_its_database_loads_neither_elasticsearch_nor_psycopg(
    demo_database, tmp_path
):
    found = serve(demo_database, tmp_path, ELASTICSEARCH_URL="")
    statuses = found["statuses"]
    assert all(statuses[path] == 200 for path in statuses if path != "/healthz/"), statuses
    assert found["loaded"] == []


def test_with_elasticsearch_configured_its_client_loads_when_search_needs_it(
    demo_database, tmp_path
):
    # Nothing listens on the discard port: the search page falls back to the database.
    found = serve(demo_database, tmp_path, ELASTICSEARCH_URL="http://127.0.0.1:9")
    assert found["statuses"]["/search/?q=council"] == 200
    assert found["statuses"]["/healthz/"] == 503
    assert {"elasticsearch", "elasticsearch_dsl", "elastic_transport"} <= set(found["loaded"])
    assert "psycopg" not in found["loaded"]
