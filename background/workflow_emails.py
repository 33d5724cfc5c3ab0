"""Wagtail's workflow notification emails, queued for the worker instead of sent in the
request that submits, approves or rejects a page.

Wagtail's notifiers (wagtail.admin.mail) pick the recipients and templates; only the sending
is ours: each email is rendered now and queued after commit (background/email.py).
"""

from django.template.loader import render_to_string
from django.utils.translation import override
from wagtail.admin import mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from background.email import send_after_commit


class QueuedEmails:
    """Mixin for Wagtail's email notifiers: queue each recipient's email, don't send it."""

    def send_notifications(self, template_set, context, recipients, **kwargs):
        for recipient in recipients:
            context["user"] = recipient
            # In the recipient's language, as Wagtail's own sending does.
            with override(recipient.wagtail_userprofile.get_preferred_language()):
                subject = render_to_string(template_set["subject"], context).strip()
                body = render_to_string(template_set["text"], context).strip()
            about = f"the {self.notification} notification to user {recipient.pk}"
            send_after_commit(subject, body, recipient.email, about)
        return True


def queued(notifier_class):
    return type(f"Queued{notifier_class.__name__}", (QueuedEmails, notifier_class), {})()


def connect():
    """Connect ours under Wagtail's dispatch_uids. Called before wagtail.admin's ready()
    (background comes first in INSTALLED_APPS): a receiver is connected once per
    dispatch_uid, so Wagtail's own, connected later under the same ones, are skipped."""
    for signal, sender, notifier, uid in [
        (
            task_submitted,
            TaskState,
            mail.GroupApprovalTaskStateSubmissionEmailNotifier,
            "group_approval_task_submitted_email_notification",
        ),
        (
            workflow_submitted,
            WorkflowState,
            mail.WorkflowStateSubmissionEmailNotifier,
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_rejected,
            WorkflowState,
            mail.WorkflowStateRejectionEmailNotifier,
            "workflow_state_rejected_email_notification",
        ),
        (
            workflow_approved,
            WorkflowState,
            mail.WorkflowStateApprovalEmailNotifier,
            "workflow_state_approved_email_notification",
        ),
    ]:
        signal.connect(queued(notifier), sender=sender, dispatch_uid=uid, weak=False)
