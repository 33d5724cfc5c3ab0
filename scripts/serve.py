#!/usr/bin/env python3
"""`make serve`: the production-like stack on loopback, until Ctrl-C.

Readers -> Varnish (deploy/varnish/default.vcl) on ``--port`` -> gunicorn with production
settings on a free port (static files by WhiteNoise, uploaded images by cms.media), plus the
every-minute jobs (scripts/every_minute.sh). Publishing purges Varnish (FRONTEND_CACHE_URL).
DATABASE_URL chooses the database, as everywhere. The Makefile migrates and seeds first.

    python scripts/serve.py [--host 127.0.0.1] [--port 8080] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import _service as svc  # run as a file: scripts/ is on sys.path
from gunicorn_server import GunicornServer
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="the readers' host name")
    parser.add_argument("--port", type=int, default=8080, help="Varnish's port (readers')")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args(argv)

    env = stack_env(args.host, args.port)
    # A fresh page/fragment cache for every run: the file cache outlives the processes, and
    # what it holds may come from another database or predate a re-seed (seed_demo runs with
    # development settings, so its changes never reach this cache).
    cache_dir = None
    if "CACHE_DIR" not in env:
        cache_dir = tempfile.mkdtemp(prefix="cms-serve-cache-")
        env["CACHE_DIR"] = cache_dir
    try:
        return _serve(args, env)
    finally:
        if cache_dir:
            shutil.rmtree(cache_dir, ignore_errors=True)


def _serve(args: argparse.Namespace, env: dict[str, str]) -> int:
    collect = subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO_ROOT, env=env
    )
    if collect.returncode:
        return collect.returncode
    origin = GunicornServer(env, workers=args.workers, port=svc.free_port())
    proxy = VarnishServer(backend_port=origin.port, port=args.port)
    jobs = svc.CommandService(
        "every-minute jobs", ["bash", REPO_ROOT / "scripts" / "every_minute.sh"], env
    )
    stack = svc.ServiceGroup(origin, proxy, jobs)

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
            f"\n  The origin: {origin.url}/   (gunicorn, {args.workers} workers, bypassing Varnish)"
            "\n  Ctrl-C to stop.\n"
        )

    try:
        return svc.serve_service(stack, "READER_URL", timeout=60, banner=banner)
    except RuntimeError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
