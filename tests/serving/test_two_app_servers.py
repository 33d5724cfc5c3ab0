"""Two app servers behind the one Varnish, sharing PostgreSQL and Redis, as `make serve
--app-servers 2` runs them (scripts/serve.py's build_stack): the real servers, production
settings, requests alternating between the two app servers.

Proved: Varnish's director takes them in turn; a publish (from a third process, as a
worker or another app server would) purges Varnish and makes both app servers' page and
listing caches stale; a comment rate limit counts posts to both; an editor signed in on
one is signed in on the other (the session lives in Redis, written through to the
database)."""

import http.client
import json
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from scripts import _service as svc
from scripts.gunicorn_server import GunicornServer
from scripts.postgres_server import PostgresServer
from scripts.redis_server import RedisServer
from scripts.serve import build_stack, stack_env
from tests.comments.helpers import filled_in, form_fields
from tests.serving.conftest import wait_for

pytestmark = [pytest.mark.stack, pytest.mark.proxy]

ROOT = Path(__file__).resolve().parents[2]
EDITOR = ("editor", "editor-password-for-tests")

# The site on the proxy's address (as `make serve` seeds it), so purges name what readers ask.
SET_UP = """
import json
from django.contrib.auth import get_user_model
from news.models import NewsIndexPage
from tests import factories
from wagtail.models import Site
factories.restore_base_content()
Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port={port})
factories.make_section(NewsIndexPage, "Latest Public Sector News", "news")
article = factories.make_article(title="Two servers, one story")
get_user_model().objects.create_superuser({editor!r}, "editor@example.org", {password!r})
print(json.dumps({{"id": article.id, "url": article.url}}))
"""

RETITLE = """
import time
from news.models import ArticlePage
article = ArticlePage.objects.get(id={id})
article.title = {title!r}
article.save_revision().publish()
print(time.time())  # committed
"""


def manage(env, *args):
    """A manage.py command with the stack's settings (another process, like a worker)."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Browser:
    """One reader or editor: keeps cookies across servers, as a browser keeps them across
    the app servers behind one address."""

    def __init__(self):
        self.cookies = {}

    def send(self, server, path, method="GET", data=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for value in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            response.text = response.read().decode("utf-8", "replace")
            return response
        finally:
            connection.close()


@pytest.fixture(scope="module")
def stack():
    """PostgreSQL and Redis, two gunicorn instances (one worker each) and Varnish."""
    database = PostgresServer(die_with_parent=True)
    database.ensure_installed()
    redis = RedisServer(die_with_parent=True)
    started = []
    try:
        started.append(database.start(timeout=120))
        started.append(redis.start())
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SECRET_KEY", "two-app-servers-" + "x" * 50)
            patch.delenv("DATABASE_URL", raising=False)
            env = stack_env("127.0.0.1", svc.free_port())
        env.update(
            DATABASE_URL=database.url,
            REDIS_URL=redis.url,
            TWO_FACTOR_REQUIRED="0",
            LOG_FORMAT="json",
            COMMENTS_RATE_LIMIT_PER_IP="2",
            PAGE_CACHE_SECONDS="600",
            PROXY_CACHE_SECONDS="600",
        )
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        port = int(env["FRONTEND_CACHE_URL"].rsplit(":", 1)[1])
        set_up = SET_UP.format(port=port, editor=EDITOR[0], password=EDITOR[1])
        article = json.loads(manage(env, "shell", "-c", set_up).strip().splitlines()[-1])
        group = build_stack(env, port, 2, workers=1, jobs=False, die_with_parent=True)
        started.append(group.start(timeout=120))
        apps = [s for s in group.services if isinstance(s, GunicornServer)]
        yield {"env": env, "apps": apps, "proxy": group.services[-1], "article": article}
    finally:
        for service in reversed(started):
            service.stop()


def logged_request_ids(app):
    """The request ids in one app server's JSON request log lines."""
    ids = []
    for line in app.log_file.read_text().splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            if entry.get("logger") == "cms.requests":
                ids.append(entry["request_id"])
    return ids


def test_varnish_sends_requests_to_the_app_servers_in_turn(stack):
    browser = Browser()
    for turn in range(4):
        answer = browser.send(stack["proxy"], "/healthz/", headers={"X-Request-ID": f"turn-{turn}"})
        assert answer.status == 200
        assert answer.getheader("X-Request-ID") == f"turn-{turn}"

    seen = [[i for i in logged_request_ids(app) if i.startswith("turn-")] for app in stack["apps"]]
    assert sorted(seen) == [["turn-0", "turn-2"], ["turn-1", "turn-3"]]


def test_a_publish_reaches_both_app_servers_and_the_proxy(stack):
    proxy, apps, article = stack["proxy"], stack["apps"], stack["article"]
    # Readers reach the app servers through Varnish, which passes on the site's host.
    site = {"Host": f"127.0.0.1:{proxy.port}"}
    reader = Browser()
    # Each app server's page cache and the listing hold the story; Varnish has a copy.
    for path in (article["url"], "/news/"):
        for server in apps:
            assert "Two servers, one story" in reader.send(server, path, headers=site).text
    assert reader.send(proxy, article["url"]).getheader("X-Cache") == "MISS"
    assert reader.send(proxy, article["url"]).getheader("X-Cache") == "HIT"

    title = "Two servers, one corrected story"
    output = manage(stack["env"], "shell", "-c", RETITLE.format(id=article["id"], title=title))
    committed_at = float(output.strip().splitlines()[-1])

    # The stack's purge worker sends the purge: no reader through Varnish is given the old
    # story more than a second after the commit (a read counts from when it was sent).
    stale_reads = []

    def fresh():
        """Varnish gives the new title"""
        sent = time.time()
        if title in reader.send(proxy, article["url"]).text:
            return True
        stale_reads.append(sent - committed_at)
        return False

    wait_for(fresh, timeout=5.0)
    assert max(stale_reads, default=0.0) <= 1.0, stale_reads
    assert reader.send(proxy, article["url"]).getheader("X-Cache") == "HIT"
    for path in (article["url"], "/news/"):
        for server in apps:
            assert title in reader.send(server, path, headers=site).text, (server.url, path)


def test_a_comment_rate_limit_counts_posts_to_both_app_servers(stack):
    apps, article = stack["apps"], stack["article"]
    reader = Browser()
    form = form_fields(reader.send(apps[0], article["url"]).text)
    statuses = []
    for number in range(4):  # A, B, A, B; the limit is 2 per address
        server = apps[number % 2]
        token = json.loads(reader.send(server, "/comments/token/").text)["token"]
        data = filled_in(form, f"Comment number {number}", email=f"reader{number}@example.org")
        data["csrfmiddlewaretoken"] = token
        statuses.append(reader.send(server, "/comments/post/", "POST", data).status)

    assert statuses == [302, 302, 429, 429]


def test_an_editor_signed_in_on_one_app_server_is_signed_in_on_the_other(stack):
    first, second = stack["apps"]
    editor = Browser()
    login = editor.send(first, "/admin/login/")
    token = form_fields(login.text, "//form[.//input[@name='password']]")["csrfmiddlewaretoken"]
    signed_in = editor.send(
        first,
        "/admin/login/",
        "POST",
        {"username": EDITOR[0], "password": EDITOR[1], "csrfmiddlewaretoken": token},
    )
    assert signed_in.status == 302, signed_in.text[:2000]
    session = editor.cookies["sessionid"]

    pages = [editor.send(server, "/admin/pages/") for server in (second, first, second)]
    assert [page.status for page in pages] == [200, 200, 200]
    assert all("Sign out" in page.text or "Log out" in page.text for page in pages)
    assert editor.cookies["sessionid"] == session  # the same session on both

    def in_redis():
        """the session is in Redis"""
        keys = subprocess.run(
            ["redis-cli", "-u", stack["env"]["REDIS_URL"], "--scan", "--pattern", f"*{session}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return keys

    assert wait_for(in_redis, timeout=5)
