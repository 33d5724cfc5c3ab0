#!/usr/bin/env python3
"""Varnish (Debian's package) in front of a local origin, from deploy/varnish/default.vcl.

Every start uses a fresh directory ``$TMPDIR/cms-varnish-*`` (varnishd's ``-n`` working dir,
the VCL with the origin's address filled in, ``output.log``), listens only on 127.0.0.1
(a free port unless one is given), and is removed by ``stop()``.

Library use::

    from scripts.varnish_server import VarnishServer

    with VarnishServer(backend_port=8000) as varnish:
        print(varnish.url)                     # http://127.0.0.1:PORT
        varnish.stat("MAIN.backend_req")       # counters from varnishstat

Command line::

    python scripts/varnish_server.py serve --backend-port 8000 [--backend-port 8001] [--port 8080]
    python scripts/varnish_server.py run --backend-port 8000 -- CMD   # exports FRONTEND_CACHE_URL

varnishd starts as root (its worker runs as Debian's ``vcache`` user) or as any user who may
write the instance directory.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

if __package__:  # imported as scripts.varnish_server
    from . import _service as svc
else:  # run as a file: python scripts/varnish_server.py (scripts/ is on sys.path)
    import _service as svc

REPO_ROOT = Path(__file__).resolve().parent.parent
VCL = REPO_ROOT / "deploy" / "varnish" / "default.vcl"
VARNISHD = "/usr/sbin/varnishd"
DEFAULT_STORAGE = "malloc,256m"
# The one app server the VCL declares, and the line adding it to the director.
_BACKEND = re.compile(r"^backend app1 \{\n.*?^\}\n", re.S | re.M)
_ADD_BACKEND = re.compile(r"^( *)app\.add_backend\(app1\);\n", re.M)


def vcl_for_backends(backends: Sequence[tuple[str, int]], vcl: Path = VCL) -> str:
    """The VCL with one backend per ``(host, port)`` (app1, app2, ...) in its director."""
    text = vcl.read_text()
    block, add = _BACKEND.search(text), _ADD_BACKEND.search(text)
    if block is None or add is None or not backends:
        raise RuntimeError(f"{vcl}: no `backend app1 {{ ... }}` block added to the director")
    blocks, adds = [], []
    for number, (host, port) in enumerate(backends, start=1):
        copy = block.group(0).replace("backend app1 ", f"backend app{number} ", 1)
        copy = re.sub(r'\.host = "[^"]*";', f'.host = "{host}";', copy, count=1)
        blocks.append(re.sub(r'\.port = "[^"]*";', f'.port = "{port}";', copy, count=1))
        adds.append(f"{add.group(1)}app.add_backend(app{number});\n")
    text = text[: add.start()] + "".join(adds) + text[add.end() :]
    return text[: block.start()] + "\n".join(blocks) + text[block.end() :]


class VarnishServer(svc.ProcessService):
    """varnishd on 127.0.0.1 in front of ``backend_host:backend_port``, or of several app
    servers taking turns (``backends``: ``(host, port)`` pairs).

    parameters  extra ``-p name=value`` runtime parameters (e.g. fewer threads in tests)
    storage     the ``-s`` cache storage
    """

    name = "Varnish"
    instance_prefix = "cms-varnish-"

    def __init__(
        self,
        backend_port: int | None = None,
        backend_host: str = "127.0.0.1",
        port: int | None = None,
        *,
        backends: Sequence[tuple[str, int]] | None = None,
        storage: str = DEFAULT_STORAGE,
        parameters: Mapping[str, object] | None = None,
        instance_root: Path | str | None = None,
        die_with_parent: bool | None = None,
    ) -> None:
        super().__init__(port, instance_root, die_with_parent)
        if backends is None:
            if backend_port is None:
                raise ValueError("give backend_port or backends")
            backends = [(backend_host, backend_port)]
        self.backends = list(backends)
        self.storage = storage
        self.parameters = dict(parameters or {})

    @property
    def work_dir(self) -> Path:
        assert self.instance_dir is not None
        return self.instance_dir / "n"

    def command_path(self) -> str:
        found = shutil.which("varnishd") or (VARNISHD if Path(VARNISHD).exists() else None)
        if found is None:
            raise RuntimeError(
                "varnishd is not installed: run scripts/install_system_packages.sh "
                "(apt-get install varnish)"
            )
        return found

    def command(self, instance_dir: Path) -> list[str]:
        vcl = instance_dir / "default.vcl"
        vcl.write_text(vcl_for_backends(self.backends))
        command = [
            self.command_path(),
            "-F",  # in the foreground: we are its supervisor
            "-n",
            str(instance_dir / "n"),
            "-a",
            f"127.0.0.1:{self.port}",
            "-T",
            "127.0.0.1:0",
            "-f",
            str(vcl),
            "-s",
            self.storage,
        ]
        for name, value in self.parameters.items():
            command += ["-p", f"{name}={value}"]
        return command

    def is_ready(self) -> bool:
        """The worker process has loaded the VCL and accepts connections."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                pass
        except OSError:
            return False
        return "running" in self.admin("status", check=False)

    def admin(self, *command: str, check: bool = True) -> str:
        """Run a varnishadm command (e.g. ``backend.list``) and return its output."""
        proc = subprocess.run(
            ["varnishadm", "-n", str(self.work_dir), *command],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(f"varnishadm {' '.join(command)}: {proc.stdout}{proc.stderr}")
        return proc.stdout

    def stat(self, field: str) -> int:
        """One varnishstat counter, e.g. ``MAIN.backend_req`` (requests sent to the origin)."""
        output = subprocess.run(
            ["varnishstat", "-n", str(self.work_dir), "-1", "-j", "-f", field],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout
        counters = json.loads(output)
        counters = counters.get("counters", counters)
        return int(counters[field]["value"])


# --------------------------------------------------------------------------- CLI


def main(argv: Iterable[str] | None = None) -> int:
    own_args, command = svc.split_command(sys.argv[1:] if argv is None else argv)
    parser = svc.cli_parser(__doc__.split("\n\n")[0], REPO_ROOT / ".cache" / "varnish")
    parser.add_argument("--port", type=int, default=None, help="listen port (default: a free one)")
    parser.add_argument("--backend-host", default="127.0.0.1")
    parser.add_argument(
        "--backend-port",
        type=int,
        action="append",
        required=True,
        help="repeat for each app server",
    )
    args = parser.parse_args(own_args)
    backends = [(args.backend_host, port) for port in args.backend_port]
    varnish = VarnishServer(port=args.port, backends=backends)
    return svc.run_action(
        varnish,
        args.action,
        command,
        env_var="FRONTEND_CACHE_URL",
        timeout=30,
        installed=lambda path: f"varnishd at {path}",
        name="varnish_server",
    )


if __name__ == "__main__":
    sys.exit(main())
