"""/healthz/: 200 when the database, the cache and search answer, 503 when one does not
(a stopped Redis, a closed database port); never cached; details only for staff and for a
probe on the app server's own machine."""

import json

import pytest
from django.contrib.auth import get_user_model

from cms.settings.base import redis_cache
from scripts import _service as svc
from scripts.redis_server import RedisServer
from tests.cms.test_settings import run_manage

PUBLIC = {"REMOTE_ADDR": "203.0.113.7"}
THROUGH_THE_PROXY = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.0.1"}


@pytest.mark.django_db
@pytest.mark.parametrize("where", [PUBLIC, THROUGH_THE_PROXY])
def test_the_public_gets_only_the_verdict(client, where):
    response = client.get("/healthz/", **where)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_staff_and_local_probes_see_each_check(client):
    local = client.get("/healthz/").json()
    client.force_login(get_user_model().objects.create_user("ed", is_staff=True))
    staff = client.get("/healthz/", **PUBLIC).json()

    for body in (local, staff):
        assert body["status"] == "ok"
        assert set(body["checks"]) == {"database", "cache", "search", "task_queue"}
        assert all(check["ok"] for check in body["checks"].values())
        assert body["checks"]["search"]["note"] == "database search"


@pytest.mark.redis
@pytest.mark.django_db
def test_a_stopped_redis_is_503(client, settings):
    redis = RedisServer(die_with_parent=True)
    redis.start()
    try:
        settings.CACHES = {**settings.CACHES, "default": redis_cache(redis.url)}
        assert client.get("/healthz/").status_code == 200
    finally:
        redis.stop()

    down = client.get("/healthz/")
    public = client.get("/healthz/", **PUBLIC)

    assert down.status_code == 503
    checks = down.json()["checks"]
    assert (checks["database"]["ok"], checks["cache"]["ok"]) == (True, False)
    assert "ConnectionError" in checks["cache"]["error"]
    assert (public.status_code, public.json()) == (503, {"status": "unavailable"})


GET_HEALTHZ = (
    "from django.test import Client; "
    "response = Client().get('/healthz/'); "
    "print(response.status_code, response.content.decode()); "
    # A reader with a session cookie: loading it needs the database that is down.
    "signed_in = Client(REMOTE_ADDR='203.0.113.7', HTTP_COOKIE='sessionid=abc123'); "
    "response = signed_in.get('/healthz/'); "
    "print(response.status_code, response.content.decode())"
)


def test_a_closed_database_port_is_503():
    closed = svc.free_port()
    result = run_manage(
        "shell",
        "-c",
        GET_HEALTHZ,
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=f"postgres://cms:cms@127.0.0.1:{closed}/cms",
    )

    assert result.returncode == 0, result.stderr
    local, with_session = result.stdout.strip().splitlines()[-2:]
    status, body = local.split(" ", 1)
    checks = json.loads(body)["checks"]
    assert status == "503"
    assert checks["database"]["ok"] is False
    assert f"port {closed} failed" in checks["database"]["error"]
    assert checks["cache"]["ok"] is True
    assert with_session == '503 {"status": "unavailable"}'


@pytest.mark.django_db
def test_an_unreachable_elasticsearch_is_503(client, settings):
    from search import elastic

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{svc.free_port()}"
    try:
        response = client.get("/healthz/")
    finally:
        elastic.mark_up()  # the failure's back-off must not reach other tests

    checks = response.json()["checks"]
    assert response.status_code == 503
    assert (checks["database"]["ok"], checks["search"]["ok"]) == (True, False)
    assert (
        f"Elasticsearch at {settings.ELASTICSEARCH_URL} is unreachable" in checks["search"]["error"]
    )
