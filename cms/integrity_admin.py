"""Admin hooks for trust and accessibility (issue 14): Wagtail's content checker set up for
our pages, and the page-history entries for declaration overrides and right of reply.

Imported by cms/wagtail_hooks.py, which Wagtail loads.
"""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.log_actions import LogFormatter, log

from cms.models import DeclarationOverride

DECLARATION_OVERRIDE = "cms.declaration_override"
RIGHT_OF_REPLY = "cms.right_of_reply"


class PublicationContentChecker(ContentCheckerItem):
    """Wagtail's axe-core checker (userbar and the editor's Checks panel) with the WCAG
    rules a news page can fail beyond what the publish gate refuses."""

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "role-img-alt",
        "svg-img-alt",
        "color-contrast",
        "link-in-text-block",
        "list",
        "listitem",
        "definition-list",
        "duplicate-id-aria",
        "html-has-lang",
        "valid-lang",
        "document-title",
        "label",
        "th-has-data-cells",
        "td-headers-attr",
        "table-duplicate-name",
        "scope-attr-valid",
        "landmark-one-main",
        "page-has-heading-one",
        "video-caption",
        "nested-interactive",
        "aria-allowed-attr",
        "aria-required-attr",
        "aria-valid-attr-value",
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": "Image without alternative text",
            "help_text": "Describe the image, or mark it decorative",
        },
        "color-contrast": {
            "error_name": "Text is hard to read against its background",
            "help_text": "Contrast must be at least 4.5 to 1",
        },
        "page-has-heading-one": {
            "error_name": "The page has no main heading",
            "help_text": "Every page needs one level 1 heading",
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_publication_content_checker(request, items, page):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, PublicationContentChecker):
            items[index] = PublicationContentChecker(in_editor=item.in_editor)


@hooks.register("register_log_actions")
def register_integrity_log_actions(actions):
    @actions.register_action(DECLARATION_OVERRIDE)
    class DeclarationOverridden(LogFormatter):
        label = "Declaration check overridden"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"Published although {data.get('columnist')}'s declaration of interests "
                f"was not current ({data.get('problem')}). Reason: {data.get('reason')}"
            )

    @actions.register_action(RIGHT_OF_REPLY)
    class RightOfReplyRecorded(LogFormatter):
        label = "Right of reply recorded"

        def format_message(self, log_entry):
            entries = log_entry.data.get("entries") or ["(all removed)"]
            return "Right of reply: " + "; ".join(entries)


def record_pending_entries(request, page):
    """Write what the editor's form left to record, once the page has its id."""
    override = page.__dict__.pop("pending_declaration_override", None)
    if override is not None:
        columnist, reason, problem = override
        DeclarationOverride.objects.create(
            page_id=page.pk, author=columnist, user=request.user, reason=reason
        )
        log(
            instance=page,
            action=DECLARATION_OVERRIDE,
            user=request.user,
            data={"columnist": columnist.name, "reason": reason, "problem": problem},
        )
    entries = page.__dict__.pop("pending_right_of_reply_log", None)
    if entries is not None:
        log(instance=page, action=RIGHT_OF_REPLY, user=request.user, data={"entries": entries})


# Publishing (create and edit) passes through before_publish_page; drafts and review
# actions end in after_create_page / after_edit_page. Each entry is popped, so written once.
for hook_name in ("before_publish_page", "after_create_page", "after_edit_page"):
    hooks.register(hook_name, record_pending_entries)
