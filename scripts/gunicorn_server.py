"""gunicorn serving the site on 127.0.0.1 (the origin behind Varnish in `make serve`).

Library use::

    from scripts.gunicorn_server import GunicornServer

    with GunicornServer(env, workers=2) as origin:   # env: production settings, see serve.py
        print(origin.url)                            # http://127.0.0.1:PORT
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

if __package__:  # imported as scripts.gunicorn_server
    from . import _service as svc
else:  # imported by a script run as a file (scripts/ is on sys.path)
    import _service as svc

REPO_ROOT = Path(__file__).resolve().parent.parent
GUNICORN = REPO_ROOT / ".venv" / "bin" / "gunicorn"
# Worker settings (garbage collection, preloading): the file production's unit uses too.
CONFIG = Path("deploy") / "gunicorn.conf.py"


class GunicornServer(svc.ProcessService):
    """``cms.wsgi`` under gunicorn with ``env`` as its whole environment.

    root  the checkout to serve (benchmarks compare another commit's, side by side)
    """

    name = "gunicorn"
    instance_prefix = "cms-gunicorn-"

    def __init__(
        self,
        env: Mapping[str, str],
        workers: int = 2,
        port: int | None = None,
        *,
        root: Path = REPO_ROOT,
        instance_root: Path | str | None = None,
        die_with_parent: bool | None = None,
    ) -> None:
        super().__init__(port, instance_root, die_with_parent)
        self.env = dict(env)
        self.workers = workers
        self.root = Path(root)

    def command_path(self) -> str:
        if not GUNICORN.exists():
            raise RuntimeError(f"{GUNICORN} is missing: run `make venv`")
        return str(GUNICORN)

    def command(self, instance_dir: Path) -> list[str]:
        # An older checkout, benchmarked as a baseline, may have no config file.
        config = self.root / CONFIG
        return [
            self.command_path(),
            "cms.wsgi:application",
            *(["--config", str(config)] if config.exists() else []),
            "--chdir",
            str(self.root),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--pid",
            str(instance_dir / "gunicorn.pid"),
            "--log-level",
            "warning",
        ]

    def environment(self) -> Mapping[str, str]:
        return self.env

    def is_ready(self) -> bool:
        """A worker answers (any HTTP status: the site may send 404 or 400 for this)."""
        try:
            with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=5):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False
