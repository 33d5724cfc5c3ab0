"""The page editor's form for articles, columns and videos."""

from django.conf import settings
from django.utils.text import slugify

from cms.publish_checks import PublishChecksForm


class ContentPageForm(PublishChecksForm):
    """The editor's form: a blank slug is made from the headline; an author counts once;
    publishing waits for the accessibility checks (PublishChecksForm).

    A new item's address may be left blank. The headline's TitleFieldPanel fills the slug
    as the writer types; this covers the requests that do not run that script (autosave
    before the headline is typed, no JavaScript), so a writer never has to open the
    Promote tab to save a first draft.
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
        self._refuse_repeated_authors()
        return cleaned_data

    def _refuse_repeated_authors(self):
        # The database allows each author once per page; without this check a repeated
        # row reached it and the save failed with a server error.
        authors = self.formsets.get("author_links")
        if authors is None:
            return
        seen = set()
        for form in authors.forms:
            author = form.cleaned_data.get("author") if form.is_valid() else None
            if author is None or form.cleaned_data.get("DELETE"):
                continue
            if author.pk in seen:
                form.add_error("author", f"{author} is already credited on this page.")
            seen.add(author.pk)
