"""Wagtail's publish_scheduled, saying what it did: one line per page, for cron mail."""

from django.utils import timezone
from wagtail.management.commands import publish_scheduled
from wagtail.models import Page, Revision


def _when(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


class Command(publish_scheduled.Command):
    """Publish what is due and unpublish what has expired (Wagtail's), then report it."""

    help = "Publish pages whose go-live time has come and unpublish expired ones."

    def handle(self, *args, **options):
        if options["dryrun"]:
            return super().handle(*args, **options)
        now = timezone.now()
        expiring = list(Page.objects.filter(live=True, expire_at__lt=now).order_by("expire_at"))
        due = [
            (revision, revision.approved_go_live_at)
            for revision in Revision.objects.filter(approved_go_live_at__lt=now)
            .select_related("content_type")
            .order_by("approved_go_live_at")
        ]
        super().handle(*args, **options)

        for page in expiring:
            page.refresh_from_db(fields=["live"])
            done = "Unpublished" if not page.live else "Could not unpublish"
            self.stdout.write(
                f"{done} “{page.title}” (page {page.pk}, {page.url_path}): "
                f"expired {_when(page.expire_at)}"
            )
        for revision, go_live_at in due:
            revision.refresh_from_db(fields=["approved_go_live_at"])
            done = "Published" if revision.approved_go_live_at is None else "Could not publish"
            self.stdout.write(
                f"{done} “{revision.object_str}” ({revision.content_type.name} "
                f"{revision.object_id}): scheduled for {_when(go_live_at)}"
            )
        if not expiring and not due:
            self.stdout.write("Nothing was due to publish or unpublish.")
