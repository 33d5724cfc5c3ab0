"""Varnish (deploy/varnish/default.vcl) started for real, in front of a scripted origin
(to prove each VCL rule exactly) or the site on Django's live server (to prove the app and
the proxy agree: purges, editors, the comment token, grace while the app is down)."""

import http.client
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scripts.varnish_server import VarnishServer

# Small thread pools: the tests send a handful of requests at a time.
TEST_PARAMETERS = {"thread_pools": 1, "thread_pool_min": 10, "thread_pool_max": 50}


def start_varnish(backend_port):
    """Varnish on a free loopback port in front of 127.0.0.1:backend_port (stopped by caller)."""
    varnish = VarnishServer(
        backend_port, storage="malloc,32m", parameters=TEST_PARAMETERS, die_with_parent=True
    )
    varnish.ensure_installed()
    return varnish.start(timeout=60)


@dataclass
class Answer:
    """What Varnish gets from the client: status, headers, body."""

    status: int
    headers: dict
    body: str

    @property
    def cache(self):
        return self.headers.get("x-cache")


def request(proxy, path, method="GET", headers=None, body=None, source="127.0.0.1"):
    """One HTTP request to the proxy from the loopback address ``source``."""
    connection = http.client.HTTPConnection("127.0.0.1", proxy.port, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, headers, response.read().decode("utf-8", "replace"))
    finally:
        connection.close()


def wait_for(condition, timeout=5.0, step=0.05):
    """Poll ``condition()`` until it returns something true; return it, or fail."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"still not true after {timeout}s: {condition.__doc__ or condition}")
        time.sleep(step)


@dataclass
class Seen:
    """A request as the origin received it."""

    method: str
    path: str
    headers: dict
    body: bytes


@dataclass
class Page:
    """What the origin answers for a path."""

    body: str
    headers: dict = field(default_factory=lambda: {"Cache-Control": "public, max-age=60"})
    delay: float = 0.0


class ScriptedOrigin:
    """An origin in this process: answers each path as told and records what it was asked
    (Varnish's health probes of /robots.txt are answered, not recorded)."""

    def __init__(self):
        self.pages = {}
        self.seen = []
        self._lock = threading.Lock()
        origin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path
                if path == "/robots.txt":
                    page = Page("User-agent: *\n")
                else:
                    with origin._lock:
                        origin.seen.append(Seen(self.command, path, dict(self.headers), body))
                    page = origin.pages.get(path.split("?")[0], Page(f"page {path}"))
                time.sleep(page.delay)
                data = page.body.encode()
                self.send_response(200)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_HEAD = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def requests_for(self, path):
        """What the origin was asked for ``path`` (without query string), oldest first."""
        with self._lock:
            return [seen for seen in self.seen if seen.path.split("?")[0] == path]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def origin():
    server = ScriptedOrigin()
    yield server
    server.close()


@pytest.fixture(scope="module")
def proxy(origin):
    """Varnish in front of the scripted origin."""
    varnish = start_varnish(origin.port)
    yield varnish
    varnish.stop()


_paths = iter(range(1_000_000))


@pytest.fixture
def path():
    """A path no other test has used, so each test starts with nothing cached."""
    return f"/t{next(_paths)}/"
