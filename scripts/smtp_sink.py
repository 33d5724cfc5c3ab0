"""A local SMTP server for newsletter tests and the benchmark (aiosmtpd, loopback only).

It takes every message, except that it refuses recipients whose local part starts with
"bounce" (550: no such mailbox) and defers those starting with "busy" (451). Tests use
`SmtpSink` in their own process; the benchmark runs `python scripts/smtp_sink.py PORT` in
another, so the sender's memory is measured alone.
"""

from __future__ import annotations

import contextlib
import sys
import threading

from aiosmtpd.controller import Controller

try:
    from scripts._service import free_port
except ImportError:  # run as a file
    from _service import free_port


class Handler:
    """Keeps (recipients, raw message) of each accepted message, or only counts them."""

    def __init__(self, keep=True):
        self.keep = keep
        self.messages = []
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("bounce"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("busy"):
            return "451 4.2.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            if self.keep:
                self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


class SmtpSink:
    """with SmtpSink() as sink: … sink.port, sink.handler.messages."""

    def __init__(self, port=None, keep=True):
        self.port = port or free_port()
        self.handler = Handler(keep=keep)
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


if __name__ == "__main__":
    port = int(sys.argv[1])
    with SmtpSink(port, keep=False):
        print(f"SMTP sink on 127.0.0.1:{port}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
