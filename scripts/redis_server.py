#!/usr/bin/env python3
"""Redis (Debian's ``redis-server``) on 127.0.0.1 for tests and `make serve`.

Every start uses a fresh directory ``$TMPDIR/cms-redis-*`` (its working dir and
``output.log``), listens only on 127.0.0.1 (a free port unless one is given), keeps nothing
on disk (no snapshots, no append-only file) and is removed by ``stop()``.

Library use::

    from scripts.redis_server import RedisServer

    with RedisServer() as redis:
        print(redis.url)                       # redis://127.0.0.1:PORT/0

Command line::

    python scripts/redis_server.py serve
    python scripts/redis_server.py run -- CMD   # exports REDIS_URL
"""

from __future__ import annotations

import shutil
import socket
import sys
from collections.abc import Iterable
from pathlib import Path

if __package__:  # imported as scripts.redis_server
    from . import _service as svc
else:  # run as a file: python scripts/redis_server.py (scripts/ is on sys.path)
    import _service as svc

REPO_ROOT = Path(__file__).resolve().parent.parent


class RedisServer(svc.ProcessService):
    """redis-server on 127.0.0.1, in memory only, with ``maxmemory`` and LRU eviction (it is
    a cache: what the site must not lose lives in the database)."""

    name = "Redis"
    instance_prefix = "cms-redis-"

    def __init__(
        self,
        port: int | None = None,
        *,
        maxmemory: str = "256mb",
        instance_root: Path | str | None = None,
        die_with_parent: bool | None = None,
    ) -> None:
        super().__init__(port, instance_root, die_with_parent)
        self.maxmemory = maxmemory

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("Redis has no port yet: call start() first")
        return f"redis://127.0.0.1:{self.port}/0"

    def command_path(self) -> str:
        found = shutil.which("redis-server")
        if found is None:
            raise RuntimeError(
                "redis-server is not installed: run scripts/install_system_packages.sh "
                "(apt-get install redis-server)"
            )
        return found

    def command(self, instance_dir: Path) -> list[str]:
        return [
            self.command_path(),
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--dir",
            str(instance_dir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            self.maxmemory,
            "--maxmemory-policy",
            "allkeys-lru",
        ]

    def is_ready(self) -> bool:
        return self.ping()

    def ping(self) -> bool:
        """Redis answers PING."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def main(argv: Iterable[str] | None = None) -> int:
    own_args, command = svc.split_command(sys.argv[1:] if argv is None else argv)
    parser = svc.cli_parser(__doc__.split("\n\n")[0], REPO_ROOT / ".cache" / "redis")
    parser.add_argument("--port", type=int, default=None, help="listen port (default: a free one)")
    args = parser.parse_args(own_args)
    return svc.run_action(
        RedisServer(args.port),
        args.action,
        command,
        env_var="REDIS_URL",
        timeout=30,
        installed=lambda path: f"redis-server at {path}",
        name="redis_server",
    )


if __name__ == "__main__":
    sys.exit(main())
