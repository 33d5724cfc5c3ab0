"""Shared benchmark plumbing: a seeded throwaway database, gunicorn, and wrk."""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(database_url, **extra):
    """Environment for running the site with production settings (and seed_demo) on loopback."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.benchmark",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def manage(env, *args, quiet=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


@contextmanager
def seeded_database(articles=0, keep=None):
    """A SQLite database with the demo content (plus `articles` more), removed afterwards."""
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="cms-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    env = bench_env(
        database_url, STATIC_ROOT=str(folder / "static"), MEDIA_ROOT=str(folder / "media")
    )
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", "--articles", str(articles), quiet=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    print(f"seeded demo content + {articles} articles in {time.monotonic() - started:.0f}s")
    try:
        yield env
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def gunicorn(env, workers=2, threads=1):
    """Serve the site with gunicorn on a free loopback port; yields the base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            GUNICORN,
            "cms.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def paths_script(path, paths):
    """Write a wrk Lua script to `path` that requests `paths` in turn; return its name."""
    listed = ",\n".join(f"  {json.dumps(each)}" for each in paths)
    Path(path).write_text(
        "local paths = {\n" + listed + "\n}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
    )
    return str(path)


def load_average():
    """The machine's 1-minute load average (other people's work on a shared machine)."""
    return os.getloadavg()[0]


def wrk(url, seconds=10, connections=8, threads=2, headers=(), warmup=2, script=None):
    """Run wrk against one URL (or the paths a Lua `script` picks on its host); return
    requests/second and latency percentiles in ms.

    A short unmeasured run first lets every worker load its templates and code paths.
    """
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: run `make system-packages` (apt-get install wrk)")
    command = ["wrk", f"-t{threads}", f"-c{connections}", "--latency"]
    if script:
        command += ["-s", script]
    for header in headers:
        command += ["-H", header]
    if warmup:
        subprocess.run([*command, f"-d{warmup}s", url], capture_output=True, check=True)
    command.append(f"-d{seconds}s")
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for label in ("50%", "90%", "99%"):
        match = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", output)
        value, unit = float(match.group(1)), match.group(2)
        figures[label] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = int(errors.group(1)) if errors else 0
    return figures


def print_table(rows):
    print(f"{'page':<34} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, f in rows:
        print(
            f"{name:<34} {f['rps']:>8.1f} {f['50%']:>8.1f} {f['90%']:>8.1f} {f['99%']:>8.1f} "
            f"{f['non_2xx']:>8}"
        )
