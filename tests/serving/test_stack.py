"""The pieces of the serving stack: settings from the environment, and Varnish started and
stopped without leaving anything behind."""

import pytest

from scripts import _service as svc
from tests.cms.test_settings import run_manage
from tests.serving.conftest import start_varnish

PRINT_PURGE_SETTINGS = (
    "from django.conf import settings; "
    "print(getattr(settings, 'WAGTAILFRONTENDCACHE', None), settings.PROXY_CACHE_SECONDS)"
)


def test_purges_go_to_the_proxy_named_in_the_environment():
    configured = run_manage(
        "shell",
        "-c",
        PRINT_PURGE_SETTINGS,
        FRONTEND_CACHE_URL="http://127.0.0.1:8080",
        PROXY_CACHE_SECONDS="3600",
    )
    unset = run_manage("shell", "-c", PRINT_PURGE_SETTINGS, FRONTEND_CACHE_URL="")

    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.strip().splitlines()[-1] == (
        "{'varnish': {'BACKEND': 'wagtail.contrib.frontend_cache.backends.HTTPBackend', "
        "'LOCATION': 'http://127.0.0.1:8080'}} 3600"
    )
    assert unset.stdout.strip().splitlines()[-1] == "None 0"


@pytest.mark.proxy
def test_varnish_stops_without_leaving_processes_or_files():
    varnish = start_varnish(svc.free_port())
    instance_dir = varnish.instance_dir
    assert svc.processes_mentioning(str(instance_dir))  # the manager and its worker

    varnish.stop()

    assert not instance_dir.exists()
    assert not svc.processes_mentioning(str(instance_dir))
    assert varnish.process is None and not varnish.running


PRINT_SHARED_STATE = (
    "from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'], "
    "settings.SESSION_ENGINE)"
)


def test_redis_url_makes_redis_the_cache_and_session_store():
    shared = run_manage("shell", "-c", PRINT_SHARED_STATE, REDIS_URL="redis://10.0.0.7:6379/0")
    one_machine = run_manage("shell", "-c", PRINT_SHARED_STATE, REDIS_URL="", CACHE_DIR="/tmp/c")

    assert shared.returncode == 0, shared.stderr
    assert shared.stdout.split()[-3:] == [
        "cms.shared_cache.RedisCache",
        "redis://10.0.0.7:6379/0",
        "django.contrib.sessions.backends.cached_db",
    ]
    assert one_machine.stdout.split()[-3:] == [
        "django.core.cache.backends.filebased.FileBasedCache",
        "/tmp/c",
        "django.contrib.sessions.backends.db",
    ]
