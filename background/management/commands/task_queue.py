"""What the task queue holds: counts by task and status, the oldest waiting, recent failures."""

from django.core.management.base import BaseCommand
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    """Print the queue's state for an operator (read-only; safe at any time)."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--failures", type=int, default=5, help="How many recent failures to show."
        )

    def handle(self, **options):
        rows = (
            DBTaskResult.objects.values("task_path", "status")
            .annotate(count=Count("id"))
            .order_by("task_path", "status")
        )
        if not rows:
            self.stdout.write("The queue is empty.")
        for row in rows:
            self.stdout.write(f"{row['count']:7d}  {row['status']:<10} {row['task_path']}")
        now = timezone.now()
        due = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
        if due is not None:
            self.stdout.write(f"Oldest task waiting for a worker: queued {now - due} ago.")
        later = DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__gt=now)
        if later.exists():
            self.stdout.write(f"{later.count()} retries wait for their backoff to end.")
        failed = DBTaskResult.objects.failed().order_by("-finished_at")[: options["failures"]]
        for result in failed:
            self.stdout.write(
                f"Failed {result.finished_at:%Y-%m-%d %H:%M:%S}: {result.task_path}: "
                f"{result.exception_class_path}"
            )
