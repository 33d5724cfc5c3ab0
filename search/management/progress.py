"""A text progress bar for management commands (no extra dependency)."""

import time


class ProgressBar:
    """Redraws one line on a terminal; prints a line every `every` seconds otherwise."""

    def __init__(self, stream, label, width=30, every=5.0):
        self.stream = stream
        self.label = label
        self.width = width
        self.every = every
        self.started = time.monotonic()
        self.last_line = 0.0
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, done, total):
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed else 0.0
        share = done / total if total else 1.0
        filled = int(self.width * share)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"{self.label} [{bar}] {done:,}/{total:,} ({share:.0%}, {rate:,.0f}/s)"
        if self.tty:
            self.stream.write("\r" + line, ending="")
            self.stream.flush()
        elif done >= total or elapsed - self.last_line >= self.every:
            self.stream.write(line)
            self.last_line = elapsed

    def finish(self):
        if self.tty:
            self.stream.write("")
