#!/usr/bin/env python3
"""`make serve`: the production-like stack on loopback, until Ctrl-C.

Readers -> Varnish (deploy/varnish/default.vcl) on ``--port`` -> ``--app-servers`` gunicorn
instances with production settings on free ports, taking turns (static files by WhiteNoise,
uploaded images by cms.media), sharing the database and Redis (cache and sessions: a fresh
throwaway Redis unless REDIS_URL is set), plus the task worker (`manage.py db_worker`) and
the every-minute jobs (scripts/every_minute.sh). Publishing purges Varnish
(FRONTEND_CACHE_URL). DATABASE_URL chooses the database, as everywhere. The Makefile
migrates and seeds first.

    python scripts/serve.py [--host 127.0.0.1] [--port 8080] [--app-servers 1] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path

if __package__:  # imported as scripts.serve (the stack tests build the same stack)
    from . import _service as svc
    from .gunicorn_server import GunicornServer
    from .redis_server import RedisServer
    from .varnish_server import VarnishServer
else:  # run as a file: scripts/ is on sys.path
    import _service as svc
    from gunicorn_server import GunicornServer
    from redis_server import RedisServer
    from varnish_server import VarnishServer

REPO_ROOT = Path(__file__).resolve().parent.parent
PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
SECRET_KEY_FILE = REPO_ROOT / "var" / "serve-secret-key"


def secret_key() -> str:
    """$SECRET_KEY, else one made on first use and kept in var/ (sessions survive restarts)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if not SECRET_KEY_FILE.exists():
        SECRET_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        SECRET_KEY_FILE.touch(mode=0o600)
        SECRET_KEY_FILE.write_text(secrets.token_urlsafe(60))
    return SECRET_KEY_FILE.read_text().strip()


def stack_env(host: str, port: int) -> dict[str, str]:
    """Production settings for plain HTTP on loopback behind one proxy at host:port."""
    reader_url = f"http://{host}:{port}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secret_key(),
        ALLOWED_HOSTS=",".join(dict.fromkeys([host, "127.0.0.1", "localhost"])),
        WAGTAILADMIN_BASE_URL=reader_url,
        FRONTEND_CACHE_URL=reader_url,
        # Varnish adds the reader's address to X-Forwarded-For (comment rate limits use it).
        COMMENTS_TRUSTED_PROXIES="1",
        # Plain HTTP on this machine: no redirect to HTTPS, no HSTS.
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
    )
    return env


PURGE_WORKER = [
    PYTHON,
    REPO_ROOT / "manage.py",
    "db_worker",
    "--no-reload",
    "--queue-name",
    "purges",
    "--interval",
    "0.1",
]


def build_stack(
    env: dict[str, str],
    port: int | None,
    app_servers: int,
    workers: int = 2,
    *,
    jobs: bool = True,
    die_with_parent: bool | None = None,
) -> svc.ServiceGroup:
    """Redis (unless env has REDIS_URL), ``app_servers`` gunicorn instances sharing it and
    the database, Varnish in front of them on ``port``, the purge worker, and (``jobs``) the
    every-minute jobs and the task worker.

    A fresh Redis per run is a fresh page and fragment cache: nothing cached from another
    database or before a re-seed is served (seed_demo's changes never reach this cache).
    Fills in env's REDIS_URL when it starts Redis.
    """
    services: list[svc.ThrowawayService] = []
    if not env.get("REDIS_URL"):
        redis = RedisServer(port=svc.free_port(), die_with_parent=die_with_parent)
        env["REDIS_URL"] = redis.url
        services.append(redis)
    origins = [
        GunicornServer(env, workers=workers, port=svc.free_port(), die_with_parent=die_with_parent)
        for _ in range(app_servers)
    ]
    services += origins
    # The proxy's purges: a worker of their own, polling often, so a change reaches readers
    # within a second whatever else is queued (cms.changes.PURGE_QUEUE).
    services.append(svc.CommandService("purge worker", PURGE_WORKER, env))
    services.append(
        VarnishServer(
            port=port,
            backends=[("127.0.0.1", origin.port) for origin in origins],
            die_with_parent=die_with_parent,
        )
    )
    if jobs:
        services.append(
            svc.CommandService(
                "every-minute jobs", ["bash", REPO_ROOT / "scripts" / "every_minute.sh"], env
            )
        )
        services.append(
            svc.CommandService(
                "task worker", [PYTHON, REPO_ROOT / "manage.py", "db_worker", "--no-reload"], env
            )
        )
    return svc.ServiceGroup(*services)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="the readers' host name")
    parser.add_argument("--port", type=int, default=8080, help="Varnish's port (readers')")
    parser.add_argument(
        "--app-servers", type=int, default=1, help="gunicorn instances behind Varnish"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    args = parser.parse_args(argv)
    if args.app_servers < 1:
        parser.error("--app-servers must be 1 or more")

    env = stack_env(args.host, args.port)
    collect = subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO_ROOT, env=env
    )
    if collect.returncode:
        return collect.returncode
    stack = build_stack(env, args.port, args.app_servers, args.workers)
    origins = [service for service in stack.services if isinstance(service, GunicornServer)]

    def banner(_stack) -> str:
        login = subprocess.run(
            [PYTHON, "manage.py", "ensure_admin", "--quiet"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return (
            f"\n  The site:   http://{args.host}:{args.port}/   (through Varnish)"
            f"\n  The admin:  http://{args.host}:{args.port}/admin/  ({login})"
            + "".join(
                f"\n  Origin {number}:   {origin.url}/   (gunicorn, {args.workers} workers, "
                "bypassing Varnish)"
                for number, origin in enumerate(origins, start=1)
            )
            + f"\n  Redis:      {env['REDIS_URL']}"
            "\n  Ctrl-C to stop.\n"
        )

    try:
        return svc.serve_service(stack, "READER_URL", timeout=60, banner=banner)
    except RuntimeError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
