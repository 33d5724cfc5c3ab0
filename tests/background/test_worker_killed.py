"""A real `manage.py db_worker`, killed (SIGKILL) in the middle of a batch and started
again: every email reaches the mail server exactly once, and the search index is exact.

The worker uses a SQLite file and real SMTP to an aiosmtpd sink run here. The sink kills
the worker while it waits for the server's answer to one message (the message is not
accepted), which is the moment a naive queue either loses the email or sends it twice.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from email import message_from_bytes
from pathlib import Path
from urllib.request import urlopen

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
EMAILS = 12
KILL_AT = 8  # the sink kills the worker while it sends the 8th message
STORIES = 6

ENQUEUE = """
from background.email import send_email
def emails(numbers):
    for n in numbers:
        to = f"reader{n}@example.org"
        send_email.enqueue(f"key{n:03d}", f"Email {n}", "Body", to, f"test {n}")
emails(range(4))
if PUBLISH:  # stories published between the emails: each queues a search drain
    from tests import factories
    for n in range(STORIES):
        factories.make_article(title=f"Story {n}")
emails(range(4, EMAILS))
"""
REQUEUE = """
from datetime import timedelta
from background.queue import requeue_stale
print(requeue_stale(timedelta(0)))
"""


def enqueue_script(publish):
    names = {"PUBLISH": str(publish), "STORIES": str(STORIES), "EMAILS": str(EMAILS)}
    script = ENQUEUE
    for name, value in names.items():
        script = script.replace(name, value)
    return script


class KillingSink:
    """An SMTP server that accepts messages, except the one during which it kills the
    worker."""

    def __init__(self):
        self.accepted = []
        self.received = 0
        self.worker = None

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        if self.received == KILL_AT:
            os.kill(self.worker.pid, signal.SIGKILL)
            return "451 Try again later"
        self.accepted.append(message_from_bytes(envelope.content)["Message-ID"])
        return "250 OK"


@pytest.fixture
def sink():
    handler = KillingSink()
    with socket.socket() as probe:  # a free port (aiosmtpd cannot be given port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )


def start_worker(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def run_killed_batch(tmp_path, sink, publish=False, **env):
    """Queue the batch, run a worker until the sink kills it, re-queue its task as
    `every_minute` would, run a worker again until every email is accepted. The database."""
    handler, port = sink
    database = tmp_path / "queue.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.background.worker_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "TEST_SMTP_PORT": str(port),
        **env,
    }
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "--no-imports", "-c", enqueue_script(publish))

    handler.worker = start_worker(env)
    try:
        assert handler.worker.wait(timeout=180) == -signal.SIGKILL  # killed mid-batch
        assert len(handler.accepted) == KILL_AT - 1
        # What `every_minute` does for a worker that died: its task goes back in the queue.
        assert manage(env, "shell", "--no-imports", "-c", REQUEUE).stdout.strip() == "1"
        handler.worker = start_worker(env)
        assert wait_for(lambda: len(handler.accepted) >= EMAILS, 120)
        with sqlite3.connect(database) as db:  # the rest of the queue: the search drains
            assert wait_for(lambda: not unfinished(db), 120)
        time.sleep(1)  # time for any duplicate to arrive
    finally:
        handler.worker.terminate()
        handler.worker.wait(timeout=30)

    expected = [f"<key{n:03d}@publicsectortoday.example>" for n in range(EMAILS)]
    assert sorted(handler.accepted) == expected
    db = sqlite3.connect(database)
    assert db.execute("select count(*) from background_sentemail").fetchone() == (EMAILS,)
    statuses = dict(db.execute(f"select status, count(*) from {TASKS} group by status"))
    # The interrupted run was put back and succeeded (the worker died before the 451).
    assert set(statuses) == {"SUCCESSFUL"}
    return db


TASKS = "django_tasks_database_dbtaskresult"


def unfinished(db):
    return db.execute(f"select count(*) from {TASKS} where status != 'SUCCESSFUL'").fetchone()[0]


def test_a_killed_worker_loses_and_repeats_no_email(tmp_path, sink):
    db = run_killed_batch(tmp_path, sink)
    assert db.execute(f"select count(*) from {TASKS}").fetchone() == (EMAILS,)


@pytest.mark.elasticsearch
def test_after_a_killed_worker_the_search_index_is_exact(tmp_path, sink, elasticsearch_node):
    prefix = f"test-worker-{uuid.uuid4().hex[:8]}"
    db = run_killed_batch(
        tmp_path,
        sink,
        publish=True,
        ELASTICSEARCH_URL=elasticsearch_node.url,
        ELASTICSEARCH_INDEX_PREFIX=prefix,
    )

    assert db.execute("select count(*) from search_indexchange").fetchone()[0] >= STORIES
    assert db.execute(
        "select count(*) from search_indexchange where processed_at is null"
    ).fetchone() == (0,)  # every outbox row applied
    urlopen(f"{elasticsearch_node.url}/{prefix}-content/_refresh", data=b"").read()
    with urlopen(f"{elasticsearch_node.url}/{prefix}-content/_search?size=100") as response:
        hits = json.load(response)["hits"]["hits"]
    titles = sorted(hit["_source"]["title"] for hit in hits)
    assert titles == [f"Story {n}" for n in range(STORIES)]
