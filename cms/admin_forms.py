"""The page editor's form for articles, columns and videos."""

from django.conf import settings
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm


class ContentPageForm(WagtailAdminPageForm):
    """A new item's address (slug) may be left blank: it is made from the headline.

    The headline's TitleFieldPanel fills the slug as the writer types; this covers the
    requests that do not run that script (autosave before the headline is typed, no
    JavaScript), so a writer never has to open the Promote tab to save a first draft.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Leave blank to make it from the headline."

    def clean(self):
        cleaned_data = super().clean()
        if self.instance._state.adding and not cleaned_data.get("slug"):
            allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
            title = cleaned_data.get("title") or ""
            if title and not slugify(title, allow_unicode=allow_unicode):
                self.add_error(
                    "slug",
                    "The headline has no letters or digits to make an address from: type one here.",
                )
            # Otherwise Page.save() makes the slug from the title once the page has its
            # place in the tree, adding "-2", "-3"… if a sibling already uses it.
        return cleaned_data
