"""A real `manage.py db_worker`, killed (SIGKILL) in the middle of a batch of emails and
started again: every email reaches the mail server exactly once.

The worker uses a SQLite file and real SMTP to an aiosmtpd sink run here. The sink kills
the worker while it waits for the server's answer to one message (the message is not
accepted), which is the moment a naive queue either loses the email or sends it twice.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
EMAILS = 12
KILL_AT = 5  # the sink kills the worker while it sends the 5th message


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


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
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


ENQUEUE = f"""
from background.email import send_email
for n in range({EMAILS}):
    to = f"reader{{n}}@example.org"
    send_email.enqueue(f"key{{n:03d}}", f"Email {{n}}", "Body", to, f"test {{n}}")
"""
REQUEUE = """
from datetime import timedelta
from background.queue import requeue_stale
print(requeue_stale(timedelta(0)))
"""


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


def test_a_killed_worker_loses_and_repeats_no_email(tmp_path, sink):
    handler, port = sink
    database = tmp_path / "queue.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.background.worker_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "TEST_SMTP_PORT": str(port),
    }
    manage(env, "migrate", "--no-input")
    manage(env, "shell", "--no-imports", "-c", ENQUEUE)

    handler.worker = start_worker(env)
    try:
        assert handler.worker.wait(timeout=120) == -signal.SIGKILL  # killed mid-batch
        assert len(handler.accepted) == KILL_AT - 1
        # What `every_minute` does for a worker that died: its task goes back in the queue.
        assert manage(env, "shell", "--no-imports", "-c", REQUEUE).stdout.strip() == "1"
        handler.worker = start_worker(env)
        assert wait_for(lambda: len(handler.accepted) >= EMAILS, 120)
        time.sleep(1)  # time for any duplicate to arrive
    finally:
        handler.worker.terminate()
        handler.worker.wait(timeout=30)

    assert sorted(handler.accepted) == sorted(
        f"<key{n:03d}@publicsectortoday.example>" for n in range(EMAILS)
    )
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from background_sentemail").fetchone() == (EMAILS,)
        statuses = dict(
            db.execute(
                "select status, count(*) from django_tasks_database_dbtaskresult group by status"
            )
        )
    # The interrupted run was put back and succeeded (the worker died before the 451).
    assert statuses == {"SUCCESSFUL": EMAILS}
