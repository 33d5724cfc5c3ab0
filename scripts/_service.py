"""What the scripts that start services share (stdlib only): elasticsearch_node.py,
postgres_server.py, varnish_server.py, gunicorn_server.py and serve.py.

Each starts a throwaway service on 127.0.0.1 in a fresh directory
``<instance_root>/<prefix>*`` that names its owner process in ``owner.pid``, stops it
without leaving processes behind (also at interpreter exit, and when the starting process
dies), cleans up after owners that died, and offers the command line
``install | run -- CMD | serve``. ``ProcessService`` is such a service that is one command
(Varnish, gunicorn); ``ServiceGroup`` starts several in order and stops them in reverse.

The scripts import this module as ``scripts._service`` when they are imported as
``scripts.<name>`` and as ``_service`` when they are run as files (which puts scripts/
first on sys.path).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import ctypes
import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Self

OWNER_FILE = "owner.pid"
ABANDONED_AFTER = 3600  # seconds: an instance dir this old without an owner file is stale

# --------------------------------------------------------------------------- helpers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_root() -> bool:
    return os.geteuid() == 0


def run_checked(cmd: Sequence[object], what: str, **kwargs) -> subprocess.CompletedProcess:
    """Run a command quietly; raise RuntimeError with its output on failure."""
    try:
        proc = subprocess.run(
            [str(c) for c in cmd],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            **kwargs,
        )
    except FileNotFoundError as exc:
        raise RuntimeError(f"{what}: command not found: {cmd[0]}") from exc
    if proc.returncode != 0:
        raise RuntimeError(
            f"{what} failed (exit {proc.returncode}): {' '.join(map(str, cmd))}\n"
            f"{proc.stdout[-4000:]}"
        )
    return proc


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def tail(path: Path, lines: int = 40) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return list(deque(fh, maxlen=lines))
    except OSError:
        return []


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def kill_quietly(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def set_parent_death_signal() -> None:  # runs in the child between fork and exec
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def live_processes() -> Iterator[tuple[int, list[str]]]:
    """``(pid, fields)`` of every non-zombie process; ``fields`` is /proc/PID/stat after the
    command name (state, ppid, pgrp, ...)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields[:1] != ["Z"]:
            yield int(entry), fields


def process_group_members(pgid: int) -> list[int]:
    """PIDs of live (non-zombie) processes whose process group is ``pgid``."""
    return [pid for pid, fields in live_processes() if len(fields) >= 3 and int(fields[2]) == pgid]


def processes_mentioning(needle: str) -> list[int]:
    """PIDs of live processes whose command line contains ``needle``."""
    found = []
    me = os.getpid()
    for pid, _fields in live_processes():
        if pid == me:
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmdline = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if needle in cmdline:
            found.append(pid)
    return found


def kill_processes_mentioning(needle: str) -> bool:
    """SIGKILL every live process whose command line contains ``needle``; False if none."""
    pids = processes_mentioning(needle)
    for pid in pids:
        kill_quietly(pid, signal.SIGKILL)
    return bool(pids)


def killpg_quietly(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def stop_process_group(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM the process group ``proc`` leads (started with ``start_new_session``), wait until
    every member has exited, SIGKILL the group after ``timeout`` seconds."""
    pgid = proc.pid
    killpg_quietly(pgid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc.poll()
        if proc.returncode is not None and not process_group_members(pgid):
            break
        time.sleep(0.1)
    else:
        killpg_quietly(pgid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


# --------------------------------------------------------------------------- instance dirs


def new_instance_dir(root: Path, prefix: str) -> Path:
    """A fresh ``root/<prefix>*`` directory (mode 755) naming this process as its owner."""
    inst = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    try:
        os.chmod(inst, 0o755)
        (inst / OWNER_FILE).write_text(f"{os.getpid()}\n")
    except BaseException:
        shutil.rmtree(inst, ignore_errors=True)
        raise
    return inst


def remove_stale_instances(root: Path, prefix: str, kill: Callable[[Path], None]) -> None:
    """Remove ``root/<prefix>*`` dirs left behind by processes that died without stopping their
    service; ``kill(dir)`` first ends whatever still runs from such a dir. Creates ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        for inst in root.glob(prefix + "*"):
            try:
                owner = int((inst / OWNER_FILE).read_text().strip())
            except (OSError, ValueError):
                # being created right now or not ours: leave it unless clearly old
                with contextlib.suppress(OSError):
                    if time.time() - inst.stat().st_mtime < ABANDONED_AFTER:
                        continue
                owner = -1
            if owner > 0 and pid_alive(owner):
                continue
            kill(inst)
            shutil.rmtree(inst, ignore_errors=True)


# --------------------------------------------------------------------------- service base


class ThrowawayService:
    """Base of ElasticsearchNode and PostgresServer.

    Subclasses provide ``url``, ``running``, ``ensure_installed()``, ``start(timeout)`` and
    ``stop()``; they keep the current throwaway directory in ``instance_dir``.
    """

    def __init__(
        self,
        port: int | None,
        instance_root: Path | str | None,
        die_with_parent: bool | None,
    ) -> None:
        self.port = port
        self._port_fixed = port is not None
        self.instance_root = Path(instance_root) if instance_root else Path(tempfile.gettempdir())
        self.die_with_parent = die_with_parent
        self.instance_dir: Path | None = None
        self.startup_seconds: float | None = None
        self._atexit_registered = False

    @property
    def url(self) -> str:
        raise NotImplementedError

    @property
    def running(self) -> bool:
        raise NotImplementedError

    def ensure_installed(self) -> Path:
        raise NotImplementedError

    def start(self, timeout: float) -> Self:
        raise NotImplementedError

    def stop(self, timeout: float = 30) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.ensure_installed()
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _die_with_parent(self) -> bool:
        """Whether the service goes down with the thread that starts it: by default only when
        that is the main thread, where it means "when this process dies"."""
        if self.die_with_parent is None:
            return threading.current_thread() is threading.main_thread()
        return self.die_with_parent

    def _needs_stop(self) -> bool:
        return self.instance_dir is not None

    def _register_stop_at_exit(self) -> None:
        """Have ``stop()`` run at interpreter exit (registered once; keeps no reference)."""
        if not self._atexit_registered:
            atexit.register(_stop_if_needed, weakref.ref(self))
            self._atexit_registered = True


def _stop_if_needed(ref: weakref.ReferenceType[ThrowawayService]) -> None:
    service = ref()
    if service is not None and service._needs_stop():
        with contextlib.suppress(Exception):
            service.stop()


class ProcessService(ThrowawayService):
    """A service that is one command, run in its own process group from a fresh instance dir
    ``<instance_root>/<instance_prefix>*`` with its output in ``output.log`` there.

    Subclasses provide ``name``, ``instance_prefix``, ``command(instance_dir)`` (which may
    write files into the dir first), ``is_ready()``, and may override ``environment()``.
    A start that fails on a port picked at random (someone took it meanwhile) is retried.
    """

    name = "service"
    instance_prefix = "cms-service-"
    start_attempts = 3

    def __init__(
        self,
        port: int | None = None,
        instance_root: Path | str | None = None,
        die_with_parent: bool | None = None,
    ) -> None:
        super().__init__(port, instance_root, die_with_parent)
        self.process: subprocess.Popen | None = None
        self._output = None

    def command(self, instance_dir: Path) -> list[str]:
        raise NotImplementedError

    def is_ready(self) -> bool:
        raise NotImplementedError

    def environment(self) -> Mapping[str, str] | None:
        return None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError(f"{self.name} has no port yet: call start() first")
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def log_file(self) -> Path | None:
        return None if self.instance_dir is None else self.instance_dir / "output.log"

    def start(self, timeout: float = 30) -> Self:
        """Start the command and wait until ``is_ready()``; raise RuntimeError with the
        command's last output lines if it exits or is not ready within ``timeout``."""
        if self.running:
            raise RuntimeError(f"{self.name} already running at {self.url}")
        remove_stale_instances(self.instance_root, self.instance_prefix, _kill_from_dir)
        attempts = 1 if self._port_fixed else self.start_attempts
        for attempt in range(1, attempts + 1):
            try:
                if self._launch_and_wait(timeout):
                    break
            except BaseException:
                self.stop()
                raise
            problem = self._start_failure(f"{self.name} exited during start-up")
            self.stop()
            if attempt == attempts:
                raise RuntimeError(problem)
        self._register_stop_at_exit()
        return self

    def _launch_and_wait(self, timeout: float) -> bool:
        """Launch; True once ready, False if the command exited (maybe a port clash)."""
        if not self._port_fixed:
            self.port = free_port()
        self.instance_dir = new_instance_dir(self.instance_root, self.instance_prefix)
        command = self.command(self.instance_dir)
        self._output = open(self.log_file, "ab")  # noqa: SIM115 - closed in stop()
        started = time.monotonic()
        self.process = subprocess.Popen(
            command,
            cwd=str(self.instance_dir),
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=self._output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=set_parent_death_signal if self._die_with_parent() else None,
        )
        while self.process.poll() is None:
            if self.is_ready():
                self.startup_seconds = time.monotonic() - started
                return True
            if time.monotonic() - started > timeout:
                raise RuntimeError(
                    self._start_failure(f"{self.name} was not ready within {timeout:.0f}s")
                )
            time.sleep(0.1)
        return False

    def _start_failure(self, problem: str) -> str:
        lines = tail(self.log_file) if self.log_file else []
        return f"{problem} (port {self.port}, dir {self.instance_dir}).\nLast output:\n" + "".join(
            lines
        )

    def stop(self, timeout: float = 30) -> None:
        """Stop the process group and delete the instance dir."""
        if self.process is not None:
            stop_process_group(self.process, timeout)
            self.process = None
        if self._output is not None:
            self._output.close()
            self._output = None
        if self.instance_dir is not None:
            _kill_from_dir(self.instance_dir)
            shutil.rmtree(self.instance_dir, ignore_errors=True)
            self.instance_dir = None
        if not self._port_fixed:
            self.port = None

    def ensure_installed(self) -> Path:
        return Path(self.command_path())

    def command_path(self) -> str:
        raise NotImplementedError


class CommandService(ProcessService):
    """A plain command kept running beside other services (ready as soon as it runs)."""

    instance_prefix = "cms-command-"

    def __init__(
        self, name: str, command: Sequence[str], env: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self.name = name
        self.argv = [str(part) for part in command]
        self.env = env

    def command_path(self) -> str:
        return self.argv[0]

    def command(self, instance_dir: Path) -> list[str]:
        return self.argv

    def environment(self) -> Mapping[str, str] | None:
        return self.env

    def is_ready(self) -> bool:
        return True


def _kill_from_dir(instance_dir: Path) -> None:
    """End whatever still runs with ``instance_dir`` on its command line."""
    for _ in range(50):
        if not kill_processes_mentioning(str(instance_dir)):
            return
        time.sleep(0.1)


class ServiceGroup(ThrowawayService):
    """Services started in order and stopped in reverse, up while all of them are: e.g. the
    serve command's gunicorn, Varnish and scheduler. Its URL is the last one's."""

    def __init__(self, *services: ThrowawayService) -> None:
        super().__init__(None, None, None)
        self.services = services
        self._started: list[ThrowawayService] = []

    @property
    def url(self) -> str:
        return self.services[-1].url

    @property
    def running(self) -> bool:
        return bool(self._started) and all(service.running for service in self._started)

    def ensure_installed(self) -> Path:
        for service in self.services:
            service.ensure_installed()
        return Path.cwd()

    def start(self, timeout: float = 60) -> Self:
        try:
            for service in self.services:
                service.start(timeout=timeout)
                self._started.append(service)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 30) -> None:
        while self._started:
            self._started.pop().stop(timeout)


# --------------------------------------------------------------------------- CLI


class _Terminated(Exception):
    pass


def _raise_terminated(signum, _frame):
    raise _Terminated(signum)


def _install_signal_handlers() -> None:
    # SIGINT explicitly too: shells start background jobs with SIGINT ignored
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_terminated)


def _ignore_signals() -> None:
    """While shutting down, further Ctrl-C / SIGTERM must not interrupt the clean-up."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)


def _exit_code(returncode: int) -> int:
    return 128 - returncode if returncode < 0 else returncode


def _stop_child(child: subprocess.Popen, signum: int) -> None:
    """Give the command a chance to react to the signal it probably got from the terminal too."""
    for sig, grace in ((None, 5), (signum, 20), (signal.SIGKILL, 10)):
        if child.poll() is not None:
            return
        if sig is not None:
            kill_quietly(child.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=grace)


def run_with_service(
    service: ThrowawayService,
    env_var: str,
    command: Sequence[str],
    timeout: float,
    extra_env: Mapping[str, str] | None = None,
) -> int:
    """Start ``service``; run ``command`` with ``env_var`` = its URL; stop; return exit code."""
    if not command:
        print("run: give a command after `--`", file=sys.stderr)
        return 2
    _install_signal_handlers()
    child = None
    try:
        service.ensure_installed()
        service.start(timeout=timeout)
        env = dict(os.environ, **(extra_env or {}))
        env[env_var] = service.url
        try:
            child = subprocess.Popen(list(command), env=env)
        except FileNotFoundError:
            print(f"run: command not found: {command[0]}", file=sys.stderr)
            return 127
        return _exit_code(child.wait())
    except (KeyboardInterrupt, _Terminated) as exc:
        signum = exc.args[0] if isinstance(exc, _Terminated) else signal.SIGINT
        _ignore_signals()
        if child is not None:
            _stop_child(child, signum)
        return 128 + signum
    finally:
        _ignore_signals()
        if child is not None and child.poll() is None:
            _stop_child(child, signal.SIGTERM)
        service.stop()


def serve_service(
    service: ThrowawayService,
    env_var: str,
    timeout: float,
    banner: Callable[[ThrowawayService], str] | None = None,
) -> int:
    """Start ``service`` and keep it up until Ctrl-C / SIGTERM. Once it is up, print
    ``banner(service)`` if given, else how to point a client at it through ``env_var``."""
    _install_signal_handlers()
    try:
        service.ensure_installed()
        service.start(timeout=timeout)
        if banner is not None:
            print(banner(service), flush=True)
        else:
            print(f"{env_var}={service.url}", flush=True)
            print(f"export {env_var}={service.url}   # Ctrl-C to stop", file=sys.stderr, flush=True)
        while service.running:
            time.sleep(1)
        print(f"{type(service).__name__} exited unexpectedly", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, _Terminated):
        return 0
    finally:
        _ignore_signals()
        service.stop()


def split_command(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``[own args..., "--", command...]`` -> (own args, command)."""
    argv = list(argv)
    if "--" in argv:
        index = argv.index("--")
        return argv[:index], argv[index + 1 :]
    return argv, []


def cli_parser(
    doc: str, default_base_dir: Path, port_help: str = "listen port"
) -> argparse.ArgumentParser:
    """The parser with the arguments every script starts with: the action, --base-dir and
    --port. ``doc``: the script's docstring (its first paragraph describes the script)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("action", choices=["install", "run", "serve"])
    parser.add_argument(
        "--base-dir", type=Path, default=default_base_dir, help="default: %(default)s"
    )
    parser.add_argument("--port", type=int, default=None, help=f"{port_help} (default: a free one)")
    return parser


def system_command(package: str, *names: str) -> str:
    """The path of the first of ``names`` (commands, or absolute paths) that is installed;
    else a RuntimeError that says which Debian package brings it."""
    for name in names:
        found = shutil.which(name)
        if found is not None:
            return found
    raise RuntimeError(
        f"{Path(names[0]).name} is not installed: run scripts/install_system_packages.sh "
        f"(apt-get install {package})"
    )


def run_action(
    service: ThrowawayService,
    action: str,
    command: Sequence[str],
    *,
    env_var: str,
    timeout: float,
    name: str,
    installed: Callable[[Path], str] | None = None,
    errors: tuple[type[Exception], ...] = (RuntimeError,),
) -> int:
    """Carry out a command-line action: ``install`` prints ``installed(ensure_installed())``
    (by default "<service> at <path>"); ``run`` / ``serve`` as run_with_service /
    serve_service. ``errors`` are reported as ``<name>: <error>`` with exit code 1."""
    try:
        if action == "install":
            path = service.ensure_installed()
            print(installed(path) if installed else f"{service.name} at {path}")
            return 0
        if action == "run":
            return run_with_service(service, env_var, command, timeout)
        return serve_service(service, env_var, timeout)
    except errors as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 1
