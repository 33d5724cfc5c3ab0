"""The page editor's form for last word columns: the columnist's declaration of interests
must be current before the column is published."""

from django import forms

from cms.admin_forms import ContentPageForm

OVERRIDE_PERMISSION = "cms.override_declaration_check"


class LastWordPageForm(ContentPageForm):
    """Refuses publishing while the columnist's declaration is missing or out of date,
    unless an editor allowed to override gives a reason (recorded in the page history)."""

    declaration_override_reason = forms.CharField(
        label="Publish despite the declaration: reason",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if the columnist's declaration of interests is missing or out of "
        "date and the column must go out now. Recorded in the page's history.",
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.is_publishing:
            self.check_declaration(cleaned_data)
        return cleaned_data

    def columnist(self):
        formset = self.formsets.get("author_links")
        if formset is None or not formset.is_valid():
            return None
        for form in formset.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("author") and not data.get("DELETE"):
                return data["author"]
        return None

    def check_declaration(self, cleaned_data):
        columnist = self.columnist()
        problem = columnist.declaration_problem() if columnist else ""
        if not problem:
            return
        reason = (cleaned_data.get("declaration_override_reason") or "").strip()
        may_override = "declaration_override_reason" in self.fields
        if reason and may_override:
            # Recorded when the publish goes ahead (cms/integrity_admin.py).
            self.instance.pending_declaration_override = (columnist, reason, problem)
            return
        fix = f"Ask {columnist.name} to review it and record the date (Authors → {columnist.name})"
        if may_override:
            self.add_error(
                "declaration_override_reason",
                f"{problem} {fix}, or give a reason to publish the column anyway.",
            )
        else:
            self.add_error(
                None,
                f"Not published: {problem} {fix}; an editor allowed to override it can "
                "publish it with a reason.",
            )
