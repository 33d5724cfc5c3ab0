"""The reader's comment form and the report form, with messages in plain English."""

from django import forms
from django_comments_xtd import get_model
from django_comments_xtd.forms import XtdCommentForm

from comments import rules
from comments.keys import as_key
from comments.models import ReaderFlag
from comments.threads import max_level

XtdComment = get_model()


class CommentForm(XtdCommentForm):
    """xtd's form with accessible labels, our length and reply checks, and no website field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["comment"].label = "Your comment"
        fields[
            "comment"
        ].help_text = (
            f"Up to {rules.max_length():,} characters. Plain text: formatting is not shown."
        )
        fields["comment"].widget = forms.Textarea(
            attrs={"rows": 6, "maxlength": rules.max_length(), "spellcheck": "true"}
        )
        fields["comment"].error_messages["required"] = "Enter your comment"
        fields["name"].label = "Your name"
        fields["name"].help_text = "Shown with your comment."
        fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50})
        fields["name"].error_messages["required"] = "Enter your name"
        fields["email"].label = "Your email address"
        fields[
            "email"
        ].help_text = "We email you a link to confirm your comment. We never publish your address."
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        fields["email"].error_messages.update(
            required="Enter your email address",
            invalid="Enter an email address in the correct format, like name@example.com",
        )
        fields["followup"].label = "Email me when someone else comments on this item"
        fields["followup"].widget = forms.CheckboxInput()
        fields["honeypot"].label = "Leave this field empty"
        fields["honeypot"].widget = forms.TextInput(attrs={"autocomplete": "off", "tabindex": -1})
        # A link on the commenter's name is a favourite of spammers; we do not offer one.
        fields["url"].widget = forms.HiddenInput()
        # Error summaries list problems in the order the fields appear on the page.
        self.order_fields(["comment", "name", "email", "followup", "honeypot"])

    def clean_url(self):
        return ""

    def clean_comment(self):
        comment = super().clean_comment()
        limit = rules.max_length()
        if len(comment) > limit:
            raise forms.ValidationError(
                f"Your comment is {len(comment):,} characters long. "
                f"Shorten it to {limit:,} characters or fewer."
            )
        return comment

    def clean_reply_to(self):
        if not self.cleaned_data["reply_to"]:
            return 0
        page = self.target_object
        parent_id = as_key(self.cleaned_data["reply_to"])
        parent = self._parent(page, parent_id) if parent_id else None
        if parent is None or not parent.is_public or parent.is_removed:
            raise forms.ValidationError(
                "The comment you are replying to is no longer published. "
                "You can add your comment to the conversation instead."
            )
        if parent.level >= max_level(page):
            raise forms.ValidationError(
                "Replies cannot go any deeper here. Reply to an earlier comment instead."
            )
        return parent_id

    @staticmethod
    def _parent(page, parent_id):
        comments = XtdComment.norel_objects.filter(
            content_type_id=page.content_type_id, object_pk=str(page.pk)
        )
        return comments.only("id", "level", "is_public", "is_removed").filter(pk=parent_id).first()


class ReportForm(forms.Form):
    """Why a reader thinks a comment breaks the rules."""

    reason = forms.ChoiceField(
        label="Why should a moderator look at this comment?",
        choices=ReaderFlag.REASON_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why you are reporting this comment"},
    )
