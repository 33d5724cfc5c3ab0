#!/usr/bin/env python3
"""Throwaway local PostgreSQL server for tests (stdlib only).

Every start runs ``initdb`` on a fresh directory (owned by ``postgres``),
listens only on 127.0.0.1 on a free port (plus a Unix socket inside that
directory), trusts local/loopback connections, creates the role and database
``cms``, and uses fsync=off / synchronous_commit=off / full_page_writes=off for
speed. ``stop()`` runs ``pg_ctl stop -m fast`` and deletes the directory.

Library use::

    from scripts.postgres_server import PostgresServer

    with PostgresServer() as pg:
        print(pg.url)              # postgres://cms:cms@127.0.0.1:PORT/cms

Command line::

    python scripts/postgres_server.py install
    python scripts/postgres_server.py run -- python manage.py test   # exports DATABASE_URL
    python scripts/postgres_server.py serve                           # until Ctrl-C

PostgreSQL refuses to run as root; when started as root, initdb/pg_ctl run as
``postgres`` (or ``nobody`` if that user does not exist).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

if __package__:  # imported as scripts.postgres_server
    from . import _service as svc
else:  # run as a file: python scripts/postgres_server.py (scripts/ is on sys.path)
    import _service as svc

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE_DIR = REPO_ROOT / ".cache" / "postgres"
INSTANCE_PREFIX = "pg-server-"
DEFAULT_USER = "cms"
DEFAULT_PASSWORD = "cms"
DEFAULT_DATABASE = "cms"
SUPERUSER = "postgres"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")

# Watchdog: a tiny process that dies with the thread that started the server
# (PR_SET_PDEATHSIG) and then shuts the server down, so a killed test run does
# not leave a postmaster behind. A normal stop() kills the watchdog first.
_WATCHDOG = r"""
import os, shutil, signal, subprocess, sys
pg_ctl, data, inst, user, parent = sys.argv[1:6]
def bye(*_):
    cmd = [pg_ctl, "-D", data, "stop", "-m", "immediate", "-w", "-t", "20"]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", user, "--"] + cmd
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(inst, ignore_errors=True)
    os._exit(0)
signal.signal(signal.SIGTERM, bye)
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGHUP, signal.SIG_IGN)
if os.getppid() != int(parent):
    bye()
while True:
    signal.pause()
"""


# --------------------------------------------------------------------------- helpers

# public names of this module that now live in _service
free_port = svc.free_port
run_with_service = svc.run_with_service
serve_service = svc.serve_service


def _version_key(path: Path) -> tuple:
    name = path.parent.name  # /usr/lib/postgresql/<version>/bin
    return tuple(int(p) if p.isdigit() else 0 for p in name.split("."))


def find_postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb, pg_ctl and psql."""
    candidates = [
        p
        for p in Path("/usr/lib/postgresql").glob("*/bin")
        if all((p / tool).exists() for tool in ("initdb", "pg_ctl", "postgres", "psql"))
    ]
    if candidates:
        return max(candidates, key=_version_key)
    initdb = shutil.which("initdb")
    if initdb:
        bin_dir = Path(initdb).resolve().parent
        if (bin_dir / "pg_ctl").exists() and (bin_dir / "psql").exists():
            return bin_dir
    return None


def _run_as_user() -> str:
    for user in (SUPERUSER, "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(user)
            return user
    raise RuntimeError("neither a `postgres` nor a `nobody` user exists to run PostgreSQL as")


def _as_user(user: str, command: Sequence[object]) -> list[str]:
    command = [str(c) for c in command]
    return ["runuser", "-u", user, "--", *command] if svc.is_root() else command


def _postmaster_pid(data_dir: Path) -> int | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int((data_dir / "postmaster.pid").read_text().splitlines()[0])
    return None


def _kill_stale_server(inst: Path) -> None:
    """Shut down the server of an instance dir whose owner died."""
    pid = _postmaster_pid(inst / "data")
    if pid and svc.pid_alive(pid):
        svc.kill_quietly(pid, signal.SIGQUIT)  # immediate shutdown, children follow
        for _ in range(50):
            if not svc.pid_alive(pid):
                break
            time.sleep(0.1)
        svc.kill_quietly(pid, signal.SIGKILL)


# --------------------------------------------------------------------------- server


class PostgresServer(svc.ThrowawayService):
    """A throwaway PostgreSQL cluster on 127.0.0.1 for tests.

    port           TCP port; None picks a free loopback port at start
    user/password/database  role and database created at start (role gets LOGIN CREATEDB,
                   or SUPERUSER with superuser=True)
    settings       extra postgresql.conf settings
    instance_root  parent of the per-start throwaway directories (default: system temp dir)
    die_with_parent  shut the server down if the thread that started it dies; None (default) =
                   only when started from the main thread ("when this process dies")
    """

    def __init__(
        self,
        port: int | None = None,
        *,
        user: str = DEFAULT_USER,
        password: str = DEFAULT_PASSWORD,
        database: str = DEFAULT_DATABASE,
        superuser: bool = False,
        settings: Mapping[str, object] | None = None,
        instance_root: Path | str | None = None,
        die_with_parent: bool | None = None,
    ) -> None:
        for name in (user, database):
            if not _IDENTIFIER.match(name):
                raise ValueError(f"not a plain SQL identifier: {name!r}")
        super().__init__(port, instance_root, die_with_parent)
        self.user = user
        self.password = password
        self.database = database
        self.superuser = superuser
        self.extra_settings = dict(settings or {})
        self.bin_dir: Path | None = None
        self.run_as = _run_as_user() if svc.is_root() else pwd.getpwuid(os.geteuid()).pw_name
        self._watchdog: subprocess.Popen | None = None

    # ------------------------------------------------------------------ paths

    @property
    def data_dir(self) -> Path | None:
        return self.instance_dir / "data" if self.instance_dir else None

    @property
    def socket_dir(self) -> Path | None:
        return self.instance_dir

    @property
    def log_file(self) -> Path | None:
        return self.instance_dir / "postgres.log" if self.instance_dir else None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("PostgreSQL server has no port yet: call start() first")
        user = urllib.parse.quote(self.user, safe="")
        password = urllib.parse.quote(self.password, safe="")
        return f"postgres://{user}:{password}@127.0.0.1:{self.port}/{self.database}"

    @property
    def running(self) -> bool:
        data = self.data_dir
        if data is None:
            return False
        pid = _postmaster_pid(data)
        return bool(pid and svc.pid_alive(pid))

    # ------------------------------------------------------------------ install

    def ensure_installed(self) -> Path:
        """Find the PostgreSQL binaries (Debian's, installed by install_system_packages.sh)."""
        bin_dir = find_postgres_bin()
        if bin_dir is None:
            raise RuntimeError(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run "
                "scripts/install_system_packages.sh (apt-get install postgresql)"
            )
        self.run_as = _run_as_user() if svc.is_root() else self.run_as
        self.bin_dir = bin_dir
        return bin_dir

    # ------------------------------------------------------------------ start/stop

    def start(self, timeout: float = 60) -> PostgresServer:
        if self.instance_dir is not None:
            raise RuntimeError(f"PostgreSQL server already started at {self.url}")
        if self.bin_dir is None:
            self.ensure_installed()
        svc.remove_stale_instances(self.instance_root, INSTANCE_PREFIX, _kill_stale_server)
        attempts = 1 if self._port_fixed else 3
        started = time.monotonic()
        for attempt in range(1, attempts + 1):
            if not self._port_fixed:
                self.port = svc.free_port()
            try:
                self._init_cluster()
                self._pg_ctl_start(timeout)
                self._create_role_and_database()
                break
            except RuntimeError as exc:
                address_in_use = "could not bind" in str(exc) or "Address already in use" in str(
                    exc
                )
                self.stop()
                if attempt == attempts or not address_in_use:
                    raise
            except BaseException:
                self.stop()
                raise
        self.startup_seconds = time.monotonic() - started
        self._register_stop_at_exit()
        return self

    def stop(self, timeout: float = 30) -> None:
        """pg_ctl stop -m fast (SIGKILL as last resort), then delete the directory."""
        self._kill_watchdog()
        inst = self.instance_dir
        if inst is None:
            return
        data = inst / "data"
        pid = _postmaster_pid(data)
        if pid and svc.pid_alive(pid):
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self._pg_ctl(
                    "stop",
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    int(timeout),
                    what="pg_ctl stop",
                    timeout=timeout + 10,
                )
            deadline = time.monotonic() + 10
            while svc.pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if svc.pid_alive(pid):
                svc.kill_quietly(pid, signal.SIGQUIT)
                time.sleep(1)
                svc.kill_quietly(pid, signal.SIGKILL)
            self._wait_for_children_gone(data)
        shutil.rmtree(inst, ignore_errors=True)
        self.instance_dir = None
        if not self._port_fixed:
            self.port = None

    def restart(self, timeout: float = 60) -> PostgresServer:
        """pg_ctl restart: same port, same data."""
        if self.instance_dir is None:
            raise RuntimeError("restart() needs a started server")
        self._pg_ctl(
            "restart",
            "-m",
            "fast",
            "-w",
            "-t",
            int(timeout),
            "-l",
            self.log_file,
            what="pg_ctl restart",
        )
        return self

    def psql(self, *args: str, database: str | None = None, user: str = SUPERUSER) -> str:
        """Run psql over the Unix socket (as the superuser by default); returns its output."""
        if self.instance_dir is None:
            raise RuntimeError("server not started")
        command = [
            self._tool("psql"),
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            self.socket_dir,
            "-p",
            self.port,
            "-U",
            user,
            "-d",
            database or self.database,
            *args,
        ]
        return svc.run_checked(command, "psql").stdout

    # ------------------------------------------------------------------ internals

    def _tool(self, name: str) -> Path:
        assert self.bin_dir is not None
        return self.bin_dir / name

    def _pg_ctl(self, *args: object, what: str, **kwargs) -> None:
        """``pg_ctl -D <data dir> *args`` as the server's user; ``kwargs`` go to subprocess.run."""
        assert self.instance_dir is not None
        command = [self._tool("pg_ctl"), "-D", self.instance_dir / "data", *args]
        svc.run_checked(_as_user(self.run_as, command), what, **kwargs)

    def _init_cluster(self) -> None:
        inst = svc.new_instance_dir(self.instance_root, INSTANCE_PREFIX)
        self.instance_dir = inst
        data = inst / "data"
        if svc.is_root():
            pw = pwd.getpwnam(self.run_as)
            os.chown(inst, pw.pw_uid, pw.pw_gid)
        base = [
            self._tool("initdb"),
            "-D",
            data,
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
            "--no-instructions",
        ]
        try:
            svc.run_checked(_as_user(self.run_as, [*base, "--locale=C.UTF-8"]), "initdb")
        except RuntimeError:
            shutil.rmtree(data, ignore_errors=True)
            svc.run_checked(_as_user(self.run_as, [*base, "--locale=C"]), "initdb")
        settings: dict[str, object] = {
            "listen_addresses": "127.0.0.1",
            "port": self.port,
            "unix_socket_directories": str(inst),
            "max_connections": 200,
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "wal_level": "minimal",
            "max_wal_senders": 0,
            "shared_buffers": "128MB",
            "logging_collector": "off",
            "log_min_messages": "warning",
            "timezone": "UTC",
        }
        settings.update(self.extra_settings)
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# --- scripts/postgres_server.py (throwaway test server) ---\n")
            for key, value in settings.items():
                if isinstance(value, bool):
                    value = "on" if value else "off"
                if isinstance(value, str):
                    value = "'" + value.replace("'", "''") + "'"
                conf.write(f"{key} = {value}\n")
        (data / "pg_hba.conf").write_text(
            "# scripts/postgres_server.py: trust local socket and loopback connections\n"
            "local all all trust\n"
            "host all all 127.0.0.1/32 trust\n"
            "host all all ::1/128 trust\n"
        )

    def _pg_ctl_start(self, timeout: float) -> None:
        inst = self.instance_dir
        assert inst is not None
        try:
            self._pg_ctl(
                "-l",
                inst / "postgres.log",
                "-w",
                "-t",
                int(timeout),
                "start",
                what="pg_ctl start",
                timeout=timeout + 30,
            )
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            lines = svc.tail(inst / "postgres.log", 40)
            raise RuntimeError(
                f"PostgreSQL did not start (port {self.port}, dir {inst}): {exc}\nLast log lines:\n"
                + "".join(lines)
            ) from None
        self._start_watchdog()

    def _start_watchdog(self) -> None:
        if not self._die_with_parent():
            return
        inst = self.instance_dir
        assert inst is not None
        self._watchdog = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WATCHDOG,
                str(self._tool("pg_ctl")),
                str(inst / "data"),
                str(inst),
                self.run_as,
                str(os.getpid()),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=svc.set_parent_death_signal,
        )

    def _kill_watchdog(self) -> None:
        if self._watchdog is not None:
            svc.kill_quietly(self._watchdog.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._watchdog.wait(timeout=5)
            self._watchdog = None

    def _create_role_and_database(self) -> None:
        password = self.password.replace("'", "''")
        attributes = "SUPERUSER" if self.superuser else "CREATEDB"
        self.psql(
            "-c",
            f"CREATE ROLE \"{self.user}\" LOGIN {attributes} PASSWORD '{password}'",
            "-c",
            f'CREATE DATABASE "{self.database}" OWNER "{self.user}"',
            database="postgres",
        )

    def _wait_for_children_gone(self, data: Path, timeout: float = 10) -> None:
        """Backends exit shortly after the postmaster; make sure none still runs in our data dir."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _processes_using(data):
                return
            time.sleep(0.1)
        for pid in _processes_using(data):
            svc.kill_quietly(pid, signal.SIGKILL)


def _processes_using(path: Path) -> list[int]:
    """PIDs of live processes whose cwd is ``path`` (PostgreSQL backends chdir to the data dir)."""
    found = []
    target = str(path)
    for pid, _fields in svc.live_processes():
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/{pid}/cwd") == target:
                found.append(pid)
    return found


# --------------------------------------------------------------------------- CLI


def main(argv: Iterable[str] | None = None) -> int:
    own_args, command = svc.split_command(sys.argv[1:] if argv is None else argv)
    parser = svc.cli_parser(__doc__, DEFAULT_BASE_DIR, port_help="TCP port")
    parser.add_argument("--user", default=DEFAULT_USER)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument(
        "--superuser",
        action="store_true",
        help="make the role a superuser (default: LOGIN CREATEDB)",
    )
    parser.add_argument("--timeout", type=float, default=60, help="start-up timeout in seconds")
    args = parser.parse_args(own_args)
    server = PostgresServer(
        port=args.port,
        user=args.user,
        password=args.password,
        database=args.database,
        superuser=args.superuser,
    )
    return svc.run_action(
        server,
        args.action,
        command,
        env_var="DATABASE_URL",
        timeout=args.timeout,
        installed=lambda bin_dir: f"PostgreSQL binaries: {bin_dir}",
        name="postgres_server",
        errors=(RuntimeError, ValueError),
    )


if __name__ == "__main__":
    sys.exit(main())
