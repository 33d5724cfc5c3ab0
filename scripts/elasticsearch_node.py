#!/usr/bin/env python3
"""Throwaway local Elasticsearch node for tests (stdlib only).

The node is Elasticsearch's ``integ-test-zip`` distribution, fetched from
Maven Central with ``mvn dependency:get``. That distribution has no
``analysis-common`` module, so a small test-only plugin
(``scripts/es-analysis-plugin``) is compiled with ``javac`` against the node's
own jars and installed into it; it provides ``ngram``/``edge_ngram``,
``asciifolding``, stemmers, synonyms, the ``english`` analyzer, ... under the
same names and settings as analysis-common.

Library use::

    from scripts.elasticsearch_node import ElasticsearchNode

    with ElasticsearchNode() as node:          # installs if needed, starts
        print(node.url)                         # http://127.0.0.1:PORT

    node = ElasticsearchNode(Path(".cache/elasticsearch"), port=None)
    node.ensure_installed()
    node.start(timeout=120)
    node.restart()                              # same port, same data
    node.stop()                                 # nothing left running, data removed

    with ElasticsearchCluster() as cluster:     # three nodes, one cluster
        print(cluster.url)                      # http://127.0.0.1:P1,http://127.0.0.1:P2,...
        cluster.nodes[0].kill()                 # as a crash would; its data is kept
        cluster.nodes[0].restart()              # it rejoins

Command line::

    python scripts/elasticsearch_node.py install
    python scripts/elasticsearch_node.py run -- pytest tests/search   # exports ELASTICSEARCH_URL
    python scripts/elasticsearch_node.py serve                         # until Ctrl-C
    python scripts/elasticsearch_node.py serve --nodes 3   # a three-node cluster (256m heap each)

Elasticsearch refuses to run as root; when started as root the node runs as
``nobody`` (which owns the node's config/data/log directories).

Each start uses a fresh directory ``$TMPDIR/es-node-<port>-*`` (config, data,
logs: ``logs/console.log``), removed by ``stop()``; directories left by killed
processes are removed by the next start. Environment knobs: ``ES_JAVA_HOME``
(JDK >= 17 with javac; default /usr/lib/jvm/java-17-openjdk-amd64),
``ES_JAVA_OPTS_EXTRA`` (more server JVM options), ``ES_DIST_ZIP`` (use this
distribution zip instead of the one in ~/.m2).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

if __package__:  # imported as scripts.elasticsearch_node
    from . import _service as svc
else:  # run as a file: python scripts/elasticsearch_node.py (scripts/ is on sys.path)
    import _service as svc

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE_DIR = REPO_ROOT / ".cache" / "elasticsearch"
DEFAULT_VERSION = "8.19.21"
DEFAULT_HEAP = "512m"
CLUSTER_HEAP = "256m"  # each node of a cluster: three share this 2-core machine with others
DEFAULT_TIMEOUT = 180.0  # seconds; start-up takes 15-70 s on this 2-core machine depending on load
PLUGIN_NAME = "test-analysis-common"
PLUGIN_SOURCE_DIR = Path(__file__).resolve().parent / "es-analysis-plugin"
PLUGIN_JAVA_RELEASE = "17"
RUN_AS_USER = "nobody"
CLUSTER_NAME = "cms-test"
INSTANCE_PREFIX = "es-node-"
PREFERRED_JAVA_HOMES = (
    "/usr/lib/jvm/java-17-openjdk-amd64",
    "/usr/lib/jvm/java-21-openjdk-amd64",
    "/usr/lib/jvm/temurin-17-jdk-amd64",
    "/usr/lib/jvm/temurin-21-jdk-amd64",
)
_BIND_FAILURE = re.compile(
    r"BindTransportException|BindHttpException|Address already in use|Failed to bind"
)


# --------------------------------------------------------------------------- helpers

# public names of this module that now live in _service
free_port = svc.free_port
run_with_service = svc.run_with_service
serve_service = svc.serve_service


def _chown_tree(path: Path, user: str) -> None:
    if not svc.is_root():
        return
    pw = pwd.getpwnam(user)
    uid, gid = pw.pw_uid, pw.pw_gid
    os.chown(path, uid, gid, follow_symlinks=False)
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(os.path.join(root, name), uid, gid, follow_symlinks=False)


def _java_major(java_home: Path) -> int | None:
    release = java_home / "release"
    with contextlib.suppress(OSError):
        for line in release.read_text().splitlines():
            if line.startswith("JAVA_VERSION="):
                version = line.split("=", 1)[1].strip().strip('"')
                head = version.split(".")[0]
                return int(head) if head.isdigit() else None
    return None


def find_java_home() -> Path:
    """A JDK with javac for the node and the plugin: $ES_JAVA_HOME, then 17/21, then any >= 17."""
    candidates: list[Path] = []
    if os.environ.get("ES_JAVA_HOME"):
        candidates.append(Path(os.environ["ES_JAVA_HOME"]))
    candidates += [Path(p) for p in PREFERRED_JAVA_HOMES]
    jvm_dir = Path("/usr/lib/jvm")
    if jvm_dir.is_dir():
        candidates += sorted(p for p in jvm_dir.iterdir() if p.is_dir() and not p.is_symlink())
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    for home in candidates:
        major = _java_major(home)
        if (
            (home / "bin" / "java").exists()
            and (home / "bin" / "javac").exists()
            and (major is None or major >= 17)
        ):
            return home
    raise RuntimeError(
        "No JDK >= 17 with javac found (looked at $ES_JAVA_HOME and /usr/lib/jvm/*). "
        "Install one, e.g. `apt-get install -y openjdk-17-jdk-headless` "
        "(see scripts/install_system_packages.sh)."
    )


def _kill_stale_node(inst: Path) -> None:
    """End whatever still runs from the instance dir of a node whose owner died."""
    svc.kill_processes_mentioning(str(inst))


# --------------------------------------------------------------------------- node


class ElasticsearchNode(svc.ThrowawayService):
    """A single-node Elasticsearch cluster on 127.0.0.1 for tests.

    base_dir     where the distribution is unpacked (shared, installed once)
    version      Elasticsearch version (integ-test-zip from Maven Central)
    port         HTTP port; None picks a free loopback port at start
    keep_data    keep the data directory between starts (``data_dir`` or base_dir/data)
    heap         JVM heap (-Xms/-Xmx)
    quick_jit    C1-only JIT (-XX:TieredStopAtLevel=1): ~40% faster start-up on this 2-core
                 machine, lower peak throughput; pass False for benchmarks
    settings     extra elasticsearch.yml settings (None removes one of ours, e.g.
                 ``discovery.type``)
    config_files files to place in the node's config dir, {relative path: text | bytes | Path},
                 e.g. {"analysis/synonyms.txt": "nhs, national health service"} for
                 ``"synonyms_path": "analysis/synonyms.txt"``
    instance_root  parent of the per-start throwaway directories (default: system temp dir)
    die_with_parent  stop the node if the thread that started it dies; None (default) = only
                 when started from the main thread, where that means "when this process dies"
    node_name    the node's name in its cluster
    """

    def __init__(
        self,
        base_dir: Path | str | None = None,
        version: str = DEFAULT_VERSION,
        port: int | None = None,
        *,
        keep_data: bool = False,
        data_dir: Path | str | None = None,
        heap: str = DEFAULT_HEAP,
        quick_jit: bool = True,
        settings: Mapping[str, object] | None = None,
        config_files: Mapping[str, str | bytes | Path] | None = None,
        java_home: Path | str | None = None,
        instance_root: Path | str | None = None,
        die_with_parent: bool | None = None,
        node_name: str = "test-node",
    ) -> None:
        super().__init__(port, instance_root, die_with_parent)
        self.base_dir = Path(base_dir) if base_dir is not None else DEFAULT_BASE_DIR
        self.base_dir = self.base_dir.resolve()
        self.version = version
        self.transport_port: int | None = None
        self.keep_data = keep_data or data_dir is not None
        self.data_dir = Path(data_dir).resolve() if data_dir is not None else None
        self.heap = heap
        self.quick_jit = quick_jit
        self.extra_settings = dict(settings or {})
        self.config_files = dict(config_files or {})
        self._java_home = Path(java_home) if java_home else None
        self.node_name = node_name
        self.process: subprocess.Popen | None = None
        self._console = None
        self._launched_at = 0.0

    # ------------------------------------------------------------------ paths

    @property
    def home(self) -> Path:
        """The unpacked distribution."""
        return self.base_dir / f"elasticsearch-{self.version}"

    @property
    def java_home(self) -> Path:
        if self._java_home is None:
            self._java_home = find_java_home()
        return self._java_home

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("Elasticsearch node has no port yet: call start() first")
        return f"http://127.0.0.1:{self.port}"

    @property
    def zip_path(self) -> Path:
        override = os.environ.get("ES_DIST_ZIP")
        if override:
            return Path(override)
        return (
            Path.home()
            / ".m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch"
            / self.version
            / f"elasticsearch-{self.version}.zip"
        )

    @property
    def log_file(self) -> Path | None:
        if self.instance_dir is None:
            return None
        return self.instance_dir / "logs" / f"{CLUSTER_NAME}.log"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    # ------------------------------------------------------------------ install

    def ensure_installed(self) -> Path:
        """Fetch (mvn), unpack (once) and install the analysis plugin. Safe to call concurrently."""
        self.base_dir.mkdir(parents=True, exist_ok=True)
        with svc.file_lock(self.base_dir / ".install.lock"):
            if not (self.home / ".unpacked").exists():
                self._unpack(self._fetch_zip())
            self._install_plugin()
            self._make_traversable()
        return self.home

    def _fetch_zip(self) -> Path:
        zip_path = self.zip_path
        if zip_path.exists():
            return zip_path
        if shutil.which("mvn") is None:
            raise RuntimeError(
                f"{zip_path} is missing and `mvn` is not installed (apt-get install -y maven)"
            )
        artifact = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{self.version}:zip"
        svc.run_checked(
            ["mvn", "-q", "-B", "dependency:get", f"-Dartifact={artifact}", "-Dtransitive=false"],
            f"fetching Elasticsearch {self.version} with Maven",
        )
        if not zip_path.exists():
            raise RuntimeError(
                f"mvn dependency:get succeeded but {zip_path} does not exist "
                "(custom maven.repo.local? set ES_DIST_ZIP)"
            )
        return zip_path

    def _unpack(self, zip_path: Path) -> None:
        staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=self.base_dir))
        try:
            with zipfile.ZipFile(zip_path) as archive:
                for info in archive.infolist():
                    target = archive.extract(info, staging)
                    mode = (info.external_attr >> 16) & 0o7777
                    if mode and not info.is_dir():
                        os.chmod(target, mode | 0o444)
            top = staging / f"elasticsearch-{self.version}"
            if not top.is_dir():
                raise RuntimeError(f"{zip_path} does not contain elasticsearch-{self.version}/")
            for bin_file in (top / "bin").iterdir():
                bin_file.chmod(bin_file.stat().st_mode | 0o555)
            if self.home.exists():
                shutil.rmtree(self.home)
            top.rename(self.home)
            (self.home / ".unpacked").write_text(f"{zip_path}\n")
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _plugin_fingerprint(self) -> str:
        digest = hashlib.sha256()
        digest.update(f"{self.version}|{PLUGIN_JAVA_RELEASE}|{self.java_home}".encode())
        for path in sorted(PLUGIN_SOURCE_DIR.rglob("*")):
            if path.is_file() and path.suffix in (".java", ".properties"):
                digest.update(str(path.relative_to(PLUGIN_SOURCE_DIR)).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def _install_plugin(self) -> None:
        """Compile scripts/es-analysis-plugin against the node's jars; unpack it into plugins/."""
        fingerprint = self._plugin_fingerprint()
        marker = self.base_dir / f".plugin-{self.version}.sha256"
        target = self.home / "plugins" / PLUGIN_NAME
        if target.is_dir() and marker.exists() and marker.read_text().strip() == fingerprint:
            return
        java_home = self.java_home
        sources = sorted(PLUGIN_SOURCE_DIR.joinpath("src").rglob("*.java"))
        if not sources:
            raise RuntimeError(f"no plugin sources under {PLUGIN_SOURCE_DIR}/src")
        with tempfile.TemporaryDirectory(prefix=".plugin-build-", dir=self.base_dir) as tmp:
            build = Path(tmp)
            classes = build / "classes"
            classes.mkdir()
            svc.run_checked(
                [
                    java_home / "bin" / "javac",
                    "--release",
                    PLUGIN_JAVA_RELEASE,
                    "-nowarn",
                    "-encoding",
                    "UTF-8",
                    "-cp",
                    f"{self.home / 'lib'}/*",
                    "-d",
                    classes,
                    *sources,
                ],
                "compiling the test analysis plugin",
            )
            staged = build / PLUGIN_NAME
            staged.mkdir()
            svc.run_checked(
                [
                    java_home / "bin" / "jar",
                    "--create",
                    "--file",
                    staged / f"{PLUGIN_NAME}-{self.version}.jar",
                    "-C",
                    classes,
                    ".",
                ],
                "packaging the test analysis plugin",
            )
            template = (PLUGIN_SOURCE_DIR / "plugin-descriptor.properties").read_text()
            descriptor = (
                template.replace("@PLUGIN_VERSION@", self.version)
                .replace("@PLUGIN_NAME@", PLUGIN_NAME)
                .replace("@JAVA_VERSION@", PLUGIN_JAVA_RELEASE)
                .replace("@ES_VERSION@", self.version)
            )
            (staged / "plugin-descriptor.properties").write_text(descriptor)
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(staged), str(target))
        marker.write_text(fingerprint + "\n")

    def _make_traversable(self) -> None:
        """The node runs as `nobody`: it must be able to reach and read the distribution."""
        for directory in [self.base_dir, *self.base_dir.parents]:
            if directory == Path("/"):
                break
            with contextlib.suppress(OSError):
                mode = directory.stat().st_mode
                if directory == self.base_dir or directory.is_relative_to(REPO_ROOT / ".cache"):
                    os.chmod(directory, mode | 0o755)
        _chown_tree(self.home, RUN_AS_USER)

    # ------------------------------------------------------------------ start/stop

    def start(self, timeout: float = DEFAULT_TIMEOUT) -> ElasticsearchNode:
        """Start the node and wait until the cluster is at least yellow."""
        if self.running:
            raise RuntimeError(f"Elasticsearch node already running at {self.url}")
        self._prepare_start()
        attempts = 3  # a randomly chosen port may be grabbed by someone else meanwhile
        for attempt in range(1, attempts + 1):
            if not self._port_fixed:
                self.port = svc.free_port()
            self.transport_port = svc.free_port()
            while self.transport_port == self.port:
                self.transport_port = svc.free_port()
            self._prepare_instance()
            try:
                self._launch_and_wait(timeout)
                break
            except _BindFailure as exc:
                self._discard_instance()
                if attempt == attempts or (self._port_fixed and exc.http_port_taken):
                    raise RuntimeError(str(exc)) from None
            except BaseException:
                self._discard_instance()
                raise
        self._register_stop_at_exit()
        return self

    def _prepare_start(self) -> None:
        """Install if needed; clean up after nodes whose owners died."""
        if (
            not (self.home / ".unpacked").exists()
            or not (self.home / "plugins" / PLUGIN_NAME).is_dir()
        ):
            self.ensure_installed()
        svc.remove_stale_instances(self.instance_root, INSTANCE_PREFIX, _kill_stale_node)

    def stop(self, timeout: float = 30) -> None:
        """Stop the node (SIGTERM, then SIGKILL) and delete its throwaway directories."""
        self._terminate(timeout)
        self._discard_instance()

    def restart(self, timeout: float = DEFAULT_TIMEOUT) -> ElasticsearchNode:
        """Stop and start again on the same port with the same data."""
        if self.instance_dir is None:
            raise RuntimeError("restart() needs a started node")
        self._terminate()
        self._launch_and_wait(timeout)
        return self

    def kill(self) -> None:
        """End the node at once (SIGKILL, as a crash or a pulled plug would), keeping its
        directory and data for ``restart()``."""
        if self.process is not None:
            svc.killpg_quietly(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        self._terminate()

    # ------------------------------------------------------------------ internals

    def _prepare_instance(self) -> None:
        inst = svc.new_instance_dir(self.instance_root, f"{INSTANCE_PREFIX}{self.port}-")
        config = inst / "config"
        shutil.copytree(self.home / "config", config)
        for stale in ("elasticsearch.keystore", "elasticsearch.yml"):
            with contextlib.suppress(FileNotFoundError):
                (config / stale).unlink()
        logs, tmp = inst / "logs", inst / "tmp"
        logs.mkdir()
        tmp.mkdir()
        data = (self.data_dir or self.base_dir / "data") if self.keep_data else inst / "data"
        data.mkdir(parents=True, exist_ok=True)

        jvm_options = []
        for line in (self.home / "config" / "jvm.options").read_text().splitlines():
            stripped = line.strip()
            if (
                "-Xlog:" in stripped
                or "HeapDumpOnOutOfMemoryError" in stripped
                or "-XX:ErrorFile" in stripped
            ):
                continue
            jvm_options.append(line)
        jvm_options.append(f"-XX:ErrorFile={logs}/hs_err_pid%p.log")
        for relative, content in self.config_files.items():
            destination = (config / relative).resolve()
            if not destination.is_relative_to(config.resolve()):
                raise ValueError(f"config file {relative!r} would be outside the config directory")
            destination.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, destination)
            elif isinstance(content, bytes):
                destination.write_bytes(content)
            else:
                destination.write_text(content, encoding="utf-8")
        (config / "jvm.options").write_text("\n".join(jvm_options) + "\n")

        settings: dict[str, object] = {
            "cluster.name": CLUSTER_NAME,
            "node.name": self.node_name,
            "discovery.type": "single-node",
            "network.host": "127.0.0.1",
            "http.port": self.port,
            "transport.port": self.transport_port,
            "path.data": str(data),
            "path.logs": str(logs),
            "xpack.security.enabled": False,
            "cluster.routing.allocation.disk.threshold_enabled": False,
            "action.destructive_requires_name": False,
        }
        settings.update(self.extra_settings)
        settings = {key: value for key, value in settings.items() if value is not None}
        (config / "elasticsearch.yml").write_text(
            "# written by scripts/elasticsearch_node.py\n"
            + "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())
        )
        _chown_tree(inst, RUN_AS_USER)
        if self.keep_data:
            _chown_tree(data, RUN_AS_USER)
        self.instance_dir = inst

    def _launch_and_wait(self, timeout: float) -> None:
        self._launch()
        self._wait_ready(timeout)

    def _launch(self) -> None:
        """Start the node's process from its prepared instance dir (do not wait)."""
        inst = self.instance_dir
        assert inst is not None
        java_opts = [f"-Xms{self.heap}", f"-Xmx{self.heap}"]
        if self.quick_jit:
            java_opts.append("-XX:TieredStopAtLevel=1")
        java_opts.append(os.environ.get("ES_JAVA_OPTS_EXTRA", ""))
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")
        }
        env.update(
            ES_JAVA_HOME=str(self.java_home),
            ES_PATH_CONF=str(inst / "config"),
            ES_TMPDIR=str(inst / "tmp"),
            ES_JAVA_OPTS=" ".join(java_opts),
        )
        command = [str(self.home / "bin" / "elasticsearch"), "-p", str(inst / "elasticsearch.pid")]
        if svc.is_root():
            command = ["runuser", "-u", RUN_AS_USER, "--", *command]
        console_path = inst / "logs" / "console.log"
        self._console = open(console_path, "ab")  # noqa: SIM115 - closed in _terminate()
        self._launched_at = time.monotonic()
        self.process = subprocess.Popen(
            command,
            cwd=str(inst),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._console,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=svc.set_parent_death_signal if self._die_with_parent() else None,
        )

    def _wait_ready(self, timeout: float) -> None:
        """Wait until the launched node answers and its cluster is at least yellow; stop it
        and raise (_BindFailure when a port was taken) if it exits or times out."""
        inst = self.instance_dir
        assert inst is not None and self.process is not None
        started = self._launched_at
        health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
        deadline = started + timeout
        problem = None
        while True:
            code = self.process.poll()
            if code is not None:
                problem = f"Elasticsearch exited with code {code} during start-up"
                break
            try:
                with urllib.request.urlopen(health, timeout=5) as response:
                    status = json.loads(response.read().decode()).get("status")
                if status in ("yellow", "green"):
                    self.startup_seconds = time.monotonic() - started
                    return
            except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                pass
            if time.monotonic() > deadline:
                problem = f"Elasticsearch did not become ready within {timeout:.0f}s"
                break
            time.sleep(0.5)
        log_lines = self._recent_log_lines()
        self._terminate()
        message = f"{problem} (port {self.port}, dir {inst}).\nLast log lines:\n" + "".join(
            log_lines
        )
        full_log = "".join(self._recent_log_lines(100_000))
        if _BIND_FAILURE.search(full_log):
            failure = _BindFailure(message)
            failure.http_port_taken = "BindHttpException" in full_log
            raise failure
        raise RuntimeError(message)

    def _recent_log_lines(self, count: int = 40) -> list[str]:
        lines: list[str] = []
        if self.instance_dir is not None:
            lines = svc.tail(self.instance_dir / "logs" / "console.log", count)
            if not lines and self.log_file is not None:
                lines = svc.tail(self.log_file, count)
        return lines

    def _terminate(self, timeout: float = 30) -> None:
        """Stop the process group (runuser, CLI launcher JVM, server JVM); leave no orphans."""
        proc = self.process
        if proc is not None:
            svc.stop_process_group(proc, timeout)
            # anything that escaped the group (it should not) but still runs from our directory
            self._kill_leftovers()
            self.process = None
        if self._console is not None:
            self._console.close()
            self._console = None

    def _kill_leftovers(self) -> None:
        if self.instance_dir is None:
            return
        for _ in range(50):
            if not svc.kill_processes_mentioning(str(self.instance_dir)):
                return
            time.sleep(0.1)

    def _needs_stop(self) -> bool:
        return self.process is not None or self.instance_dir is not None

    def _discard_instance(self) -> None:
        if self.running:
            self._terminate()
        if self.instance_dir is not None:
            self._kill_leftovers()
            shutil.rmtree(self.instance_dir, ignore_errors=True)
            self.instance_dir = None
        if not self._port_fixed:
            self.port = None


class ElasticsearchCluster(svc.ThrowawayService):
    """Several nodes of the same distribution on 127.0.0.1 forming one cluster (three by
    default), for tests and benchmarks of replicas and node failures.

    Every node is master-eligible and holds data, each in its own throwaway directory (owned
    by ``nobody`` when started as root) on its own HTTP and transport ports; the nodes find
    each other through ``discovery.seed_hosts`` and elect a master among
    ``cluster.initial_master_nodes``. ``url`` names every node, comma-separated, as
    ELASTICSEARCH_URL takes them. ``nodes[i].kill()`` takes one down as a crash would;
    ``nodes[i].restart()`` brings it back with its data to rejoin.
    """

    def __init__(
        self,
        base_dir: Path | str | None = None,
        size: int = 3,
        *,
        version: str = DEFAULT_VERSION,
        heap: str = CLUSTER_HEAP,
        quick_jit: bool = True,
        settings: Mapping[str, object] | None = None,
        config_files: Mapping[str, str | bytes | Path] | None = None,
        instance_root: Path | str | None = None,
        die_with_parent: bool | None = None,
    ) -> None:
        super().__init__(None, instance_root, die_with_parent)
        if size < 2:
            raise ValueError("a cluster has at least two nodes (use ElasticsearchNode for one)")
        self.nodes = [
            ElasticsearchNode(
                base_dir,
                version,
                heap=heap,
                quick_jit=quick_jit,
                settings=settings,
                config_files=config_files,
                instance_root=instance_root,
                die_with_parent=die_with_parent,
                node_name=f"node-{number}",
            )
            for number in range(1, size + 1)
        ]

    @property
    def url(self) -> str:
        return ",".join(node.url for node in self.nodes)

    @property
    def running(self) -> bool:
        return all(node.running for node in self.nodes)

    def node_named(self, name: str) -> ElasticsearchNode:
        return next(node for node in self.nodes if node.node_name == name)

    def ensure_installed(self) -> Path:
        return self.nodes[0].ensure_installed()

    def start(self, timeout: float = DEFAULT_TIMEOUT) -> ElasticsearchCluster:
        """Start every node at once (each JVM starts while the others do) and wait until
        each answers in a cluster that is at least yellow."""
        if any(node.running for node in self.nodes):
            raise RuntimeError(f"Elasticsearch cluster already running at {self.url}")
        self.nodes[0]._prepare_start()
        attempts = 3  # a randomly chosen port may be grabbed by someone else meanwhile
        for attempt in range(1, attempts + 1):
            ports: list[int] = []
            while len(ports) < 2 * len(self.nodes):
                port = svc.free_port()
                if port not in ports:
                    ports.append(port)
            for node, http_port, transport_port in zip(
                self.nodes, ports[0::2], ports[1::2], strict=True
            ):
                node.port, node.transport_port = http_port, transport_port
            discovery = {
                "discovery.type": None,
                "discovery.seed_hosts": [f"127.0.0.1:{node.transport_port}" for node in self.nodes],
                "cluster.initial_master_nodes": [node.node_name for node in self.nodes],
            }
            try:
                for node in self.nodes:
                    node.extra_settings.update(discovery)
                    node._prepare_instance()
                for node in self.nodes:
                    node._launch()
                for node in self.nodes:
                    node._wait_ready(timeout)
                break
            except _BindFailure as exc:
                self.stop()
                if attempt == attempts:
                    raise RuntimeError(str(exc)) from None
            except BaseException:
                self.stop()
                raise
        self._register_stop_at_exit()
        return self

    def stop(self, timeout: float = 30) -> None:
        """Stop every node and delete their directories."""
        for node in self.nodes:
            node.stop(timeout)

    def _needs_stop(self) -> bool:
        return any(node._needs_stop() for node in self.nodes)


class _BindFailure(RuntimeError):
    http_port_taken = False


# --------------------------------------------------------------------------- CLI


def main(argv: Iterable[str] | None = None) -> int:
    own_args, command = svc.split_command(sys.argv[1:] if argv is None else argv)
    parser = svc.cli_parser(__doc__.split("\n\n")[0], DEFAULT_BASE_DIR)
    parser.add_argument("--version", default=DEFAULT_VERSION)
    parser.add_argument("--port", type=int, default=None, help="HTTP port (default: a free one)")
    parser.add_argument(
        "--nodes",
        type=int,
        default=1,
        help="start a cluster of this many nodes (ELASTICSEARCH_URL names them all)",
    )
    parser.add_argument(
        "--heap", default=None, help=f"default {DEFAULT_HEAP}, {CLUSTER_HEAP} a node in a cluster"
    )
    parser.add_argument(
        "--keep-data", action="store_true", help="keep data in BASE_DIR/data between runs"
    )
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="start-up timeout in seconds"
    )
    parser.add_argument(
        "--full-jit", action="store_true", help="full C2 JIT (slower start; use for benchmarks)"
    )
    parser.add_argument(
        "--config-file",
        action="append",
        default=[],
        metavar="REL=PATH",
        help="copy PATH to REL in the node's config dir, e.g. analysis/synonyms.txt=search/syn.txt",
    )
    args = parser.parse_args(own_args)
    config_files: dict[str, str | bytes | Path] = {}
    for item in args.config_file:
        relative, sep, source = item.partition("=")
        if not sep or not relative or not source:
            parser.error(f"--config-file expects REL=PATH, got {item!r}")
        config_files[relative] = Path(source)
    if args.nodes > 1:
        if args.port is not None or args.keep_data:
            parser.error("--port and --keep-data are for a single node, not --nodes N")
        node: svc.ThrowawayService = ElasticsearchCluster(
            args.base_dir,
            args.nodes,
            version=args.version,
            heap=args.heap or CLUSTER_HEAP,
            quick_jit=not args.full_jit,
            config_files=config_files,
        )
    else:
        node = ElasticsearchNode(
            args.base_dir,
            version=args.version,
            port=args.port,
            keep_data=args.keep_data,
            heap=args.heap or DEFAULT_HEAP,
            quick_jit=not args.full_jit,
            config_files=config_files,
        )
    return svc.run_action(
        node,
        args.action,
        command,
        env_var="ELASTICSEARCH_URL",
        timeout=args.timeout,
        installed=lambda home: (
            f"Elasticsearch {args.version} installed in {home} (plugin {PLUGIN_NAME})"
        ),
        name="elasticsearch_node",
    )


if __name__ == "__main__":
    sys.exit(main())
