"""Shared benchmark plumbing: a seeded throwaway database, gunicorn, and wrk."""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import _service as svc  # noqa: E402
from scripts.gunicorn_server import GunicornServer  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


free_port = svc.free_port


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


def shell_json(env, script):
    """Run `script` in `manage.py shell` against env's database; the JSON it printed last."""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@contextmanager
def seeded_database(articles=0, keep=None, site_port=None):
    """A SQLite database with the demo content (plus `articles` more), removed afterwards.

    `site_port`: the Wagtail site's port (a proxy's, so that purges name the URLs readers
    ask for); else seed_demo's default.
    """
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="cms-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    env = bench_env(
        database_url, STATIC_ROOT=str(folder / "static"), MEDIA_ROOT=str(folder / "media")
    )
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    site = ["--host", "127.0.0.1", "--port", str(site_port)] if site_port else []
    manage(env, "seed_demo", "--articles", str(articles), *site, quiet=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    print(f"seeded demo content + {articles} articles in {time.monotonic() - started:.0f}s")
    try:
        yield env
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def gunicorn(env, workers=2, root=ROOT):
    """Serve the site (the checkout at `root`) with gunicorn on a free loopback port, as
    `make serve` does (scripts/gunicorn_server.py); yields the base URL."""
    with GunicornServer(env, workers=workers, root=root) as server:
        yield server.url


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
    figures["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
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


class NginxServer(svc.ProcessService):
    """Debian's nginx serving the files of ``root`` on a free loopback port: the ceiling a
    static file sets on this machine (benchmarks/serving.py)."""

    name = "nginx"
    instance_prefix = "cms-nginx-"
    CONFIG = """
worker_processes auto;
pid {dir}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; }}
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""

    def __init__(self, root):
        super().__init__()
        self.root = Path(root)

    def command_path(self):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise RuntimeError(
                "nginx is not installed: run scripts/install_system_packages.sh nginx"
            )
        return nginx

    def command(self, instance_dir):
        config = instance_dir / "nginx.conf"
        config.write_text(self.CONFIG.format(dir=instance_dir, port=self.port, root=self.root))
        # -e: the start-up error log before the config is read (not /var/log/nginx).
        return [
            self.command_path(),
            "-p",
            str(instance_dir),
            "-c",
            str(config),
            "-e",
            "stderr",
            "-g",
            "daemon off;",
        ]

    def is_ready(self):
        try:
            with urllib.request.urlopen(self.url + "/", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False


def workers_of(master_pid):
    """The live child processes of a gunicorn master."""
    return [pid for pid, fields in svc.live_processes() if int(fields[1]) == master_pid]


def cpu_seconds(pids):
    """User and system CPU time the processes have used so far (whatever else the machine
    runs: a figure that the load other work puts on it changes little)."""
    ticks = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_memory(master_pid):
    """RSS and PSS (MB) of each child of a gunicorn master: RSS counts pages shared with the
    master and the other workers in full, PSS divides them among the processes sharing them."""
    memory = []
    for pid in workers_of(master_pid):
        values = {}
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                name, _, rest = line.partition(":")
                if name in ("Rss", "Pss"):
                    values[name] = int(rest.split()[0]) / 1024
        memory.append((pid, values["Rss"], values["Pss"]))
    return memory
