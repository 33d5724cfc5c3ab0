"""The page editor's checks before an item leaves the writer's hands.

Wagtail validates the editor's form fully for every action except "Save draft", for which
it defers validation (`form.is_deferred_validation`); so checks run in `clean()` only when
validation is not deferred and the action moves the item towards readers: publishing,
submitting for review, approving a review task.
Their messages land on the field or body block concerned, and drafts always save.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError

from cms import accessibility

NOT_PUBLISHED = (
    "Not published or sent for review: {count} accessibility problem{s} to fix (marked "
    "below). Saving a draft still works."
)


class PublishChecksForm(WagtailAdminPageForm):
    """Refuses publishing and submitting for review while the item is not accessible."""

    @property
    def is_checked_action(self):
        """Publishing, submitting or approving, rather than saving a draft, cancelling a
        review or sending an item back to its writer (which must work on any draft)."""
        data = self.data
        if self.is_deferred_validation or data.get("action-cancel-workflow"):
            return False
        if data.get("action-workflow-action"):
            return data.get("workflow-action-name") == "approve"
        return True

    @property
    def is_publishing(self):
        """Publishing now (or scheduling), directly or by approving a review task."""
        return self.is_checked_action and (
            bool(self.data.get("action-publish")) or bool(self.data.get("action-workflow-action"))
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.is_checked_action:
            self.check_accessibility(cleaned_data)
        return cleaned_data

    def save(self, commit=True):
        page = super().save(commit=commit)
        replies = self.formsets.get("right_of_reply")
        if replies is not None and replies.has_changed():
            # Logged in the page history once saved (cms/integrity_admin.py).
            page.pending_right_of_reply_log = [
                record.history_line for record in page.right_of_reply.all()
            ]
        return page

    def check_accessibility(self, cleaned_data):
        problems = 0
        if "hero_image" in self.fields and accessibility.image_lacks_alt(
            cleaned_data.get("hero_image"),
            cleaned_data.get("hero_alt_text"),
            cleaned_data.get("hero_decorative"),
        ):
            self.add_error("hero_alt_text", accessibility.NO_ALT_TEXT)
            problems += 1
        if "transcript" in self.fields and not (cleaned_data.get("transcript") or "").strip():
            self.add_error("transcript", accessibility.NO_TRANSCRIPT)
            problems += 1
        if "body" in self.fields and "body" not in self.errors:
            block_errors = accessibility.body_errors(cleaned_data.get("body"))
            if block_errors:
                self.add_error("body", StreamBlockValidationError(block_errors=block_errors))
                problems += len(block_errors)
        if problems:
            message = NOT_PUBLISHED.format(count=problems, s="" if problems == 1 else "s")
            self.add_error(None, ValidationError(message, code="accessibility"))
