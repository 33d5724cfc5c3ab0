"""Newsletter sending: one issue to 5,000 and to 20,000 subscribers through a local SMTP
server, messages per second and the sender's peak memory.

    .venv/bin/python benchmarks/newsletters.py [--subscribers 5000 20000] [--keep DIR]

On the seeded demo database (production settings, SQLite), for each count: make that many
confirmed subscribers of the daily briefing, schedule the demo issue, and time
`manage.py send_newsletters` (one run, as cron would start it) against
`scripts/smtp_sink.py` in its own process. Reports the rate over the sending itself (first
to last message marked sent), the whole run's wall time and CPU time (steadier than the
rate on a shared machine), and the sender's peak RSS (os.wait4), which should not grow
with the number of subscribers.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._harness import PYTHON, ROOT, free_port, seeded_database  # noqa: E402

PREPARE = """
from django.utils import timezone
from newsletters.models import *
Send.objects.all().delete(); Subscriber.objects.all().delete(); SenderLease.objects.all().delete()
briefing = MailingList.objects.briefing()
now = timezone.now()
Subscriber.objects.bulk_create(
    [Subscriber(email=f"reader{n:06}@bench.example", confirmed_at=now) for n in range({count})],
    batch_size=2000,
)
Subscription.objects.bulk_create(
    [Subscription(subscriber_id=pk, mailing_list=briefing)
     for pk in Subscriber.objects.values_list("pk", flat=True)],
    batch_size=2000,
)
issue = NewsletterIssue.objects.order_by("pk").first()
NewsletterIssue.objects.filter(pk=issue.pk).update(status="scheduled", send_at=now)
"""

READ_BACK = """
import json
from django.db.models import Max, Min
from newsletters.models import Delivery
sent = Delivery.objects.filter(status="sent")
span = sent.aggregate(first=Min("updated"), last=Max("updated"))
print(json.dumps({"sent": sent.count(), "other": Delivery.objects.exclude(status="sent").count(),
                  "seconds": (span["last"] - span["first"]).total_seconds()}))
"""


def shell(env, code):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def measure(env, count, smtp_port):
    shell(env, PREPARE.replace("{count}", str(count)))
    send_env = {**env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port)}
    send_env.update(EMAIL_USE_TLS="0", NEWSLETTER_LEASE_SECONDS="3600")
    started = time.monotonic()
    process = subprocess.Popen(
        [PYTHON, "manage.py", "send_newsletters"], cwd=ROOT, env=send_env, stdout=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if status:
        sys.exit(f"send_newsletters failed (status {status})")
    figures = json.loads(shell(env, READ_BACK).strip().splitlines()[-1])
    figures.update(
        count=count,
        wall=wall,
        rate=figures["sent"] / figures["seconds"] if figures["seconds"] else 0,
        rss_mb=usage.ru_maxrss / 1024,
        cpu=usage.ru_utime + usage.ru_stime,
        report=process.stdout.read().decode().strip(),
    )
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--keep", help="reuse/keep the seeded database in this folder")
    args = parser.parse_args()

    rows = []
    with seeded_database(0, keep=args.keep) as env:
        port = free_port()
        sink = subprocess.Popen(
            [PYTHON, "scripts/smtp_sink.py", str(port)], cwd=ROOT, stdout=subprocess.PIPE
        )
        try:
            sink.stdout.readline()  # "SMTP sink on …": it is listening
            for count in args.subscribers:
                rows.append(measure(env, count, port))
        finally:
            sink.terminate()
            sink.wait(timeout=30)

    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(
        f"{'subscribers':>11} {'sent':>7} {'msg/s':>7} {'run s':>7} {'CPU s':>7} "
        f"{'peak RSS MB':>11}"
    )
    for row in rows:
        print(
            f"{row['count']:>11,} {row['sent']:>7,} {row['rate']:>7.0f} {row['wall']:>7.1f} "
            f"{row['cpu']:>7.1f} {row['rss_mb']:>11.0f}"
        )
        if row["other"]:
            print(f"  not sent: {row['other']} ({row['report']})")


if __name__ == "__main__":
    main()
