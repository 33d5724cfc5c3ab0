"""The checks before an item leaves the writer's hands, for every way of publishing it.

The rules live here once: the accessibility gate (cms/accessibility.py) and the declared
interests of a column's columnist. Two kinds of door apply them:

- The page editor's form (PublishChecksForm, the base of the editor's ContentPageForm).
  Wagtail validates it fully for every action except "Save draft", for which it defers
  validation (`form.is_deferred_validation`); so the checks run in `clean()` only when
  validation is not deferred and the action moves the item towards readers: publishing,
  submitting for review, approving a review task. Their messages land on the field or body
  block concerned, and drafts always save.
- The doors without that form (bulk "Publish" in the page listing, approving a review task
  from the dashboard: cms/publish_doors.py) call `publish_refusal(page)` and refuse with its
  message; copying a page live (PublishChecksCopyForm) checks the content it copies. A
  column's declaration cannot be overridden there: the reason box is in the editor.

Code (`revision.publish()` in a script or a management command) is no editor's door and
is not checked; `publish_scheduled` publishes what one of the doors above let through when
it was scheduled.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.blocks import StreamBlockValidationError

from cms import accessibility

NOT_PUBLISHED = (
    "Not published or sent for review: {count} accessibility problem{s} to fix (marked "
    "below). Saving a draft still works."
)


def declaration_problem(page, columnist):
    """Why the columnist's declaration of interests cannot back this item going live, or
    "" when it can, or the item needs none (only columns do: LastWordPage)."""
    if not getattr(page, "needs_current_declaration", False) or columnist is None:
        return ""
    return columnist.declaration_problem()


def declaration_fix(columnist):
    return f"Ask {columnist.name} to review it and record the date (Authors → {columnist.name})"


def would_go_live(page):
    """The item as publishing it now would put it live: its latest revision."""
    page = page.specific
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def publish_refusal(page, verb="published"):
    """Why `page` may not be published by a door without the editor's form, as one message
    for the editor ("" when it may). `verb` names what was refused ("approved")."""
    return refusal(would_go_live(page), verb)


def refusal(item, verb="published"):
    """Why `item`, exactly as given, may not go live: one message, or ""."""
    if not issubclass(getattr(item, "base_form_class", object), PublishChecksForm):
        return ""  # the same pages as in the editor: those whose form runs the checks
    values = {
        name: getattr(item, name) for name in accessibility.CHECKED_FIELDS if hasattr(item, name)
    }
    reasons = [problem.summary for problem in accessibility.problems(values)]
    columnist = getattr(item, "columnist", None)
    problem = declaration_problem(item, columnist)
    if problem:
        reasons.append(
            f"{problem} {declaration_fix(columnist)}; an editor allowed to override it can "
            "publish it with a reason from the page editor"
        )
    if not reasons:
        return ""
    return (
        f"“{item.get_admin_display_title()}” was not {verb}: {'; '.join(reasons)}. "
        "Open it in the page editor to fix it."
    )


class PublishChecksCopyForm(CopyForm):
    """Wagtail's copy form: a live copy ("Publish copied page", or an alias, which is live
    as its original is) puts the original's live content before readers again, so it waits
    for the same checks; an unpublished copy is always allowed."""

    def clean(self):
        cleaned_data = super().clean()
        # On the box ticked: Wagtail's copy page shows no form-wide errors.
        ticked = [name for name in ("publish_copies", "alias") if cleaned_data.get(name)]
        if ticked and self.page.live:
            why = refusal(self.page.specific, "copied live")
            if why:
                self.add_error(ticked[0], f"{why} Or copy it without publishing the copy.")
        return cleaned_data


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
        checked = [name for name in accessibility.CHECKED_FIELDS if name in self.fields]
        if "body" in self.errors:
            checked.remove("body")  # its own errors come first
        found = accessibility.problems({name: cleaned_data.get(name) for name in checked})
        for problem in found:
            if problem.block is None:
                self.add_error(problem.field, problem.message)
        block_errors = accessibility.block_errors(found)
        if block_errors:
            self.add_error("body", StreamBlockValidationError(block_errors=block_errors))
        if found:
            count = len(found)
            message = NOT_PUBLISHED.format(count=count, s="" if count == 1 else "s")
            self.add_error(None, ValidationError(message, code="accessibility"))
