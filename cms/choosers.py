"""Page choosers that open where the stories are (a section), not at the tree's Root.

Wagtail's page chooser starts at Root unless a page is already chosen; our editors pick
articles, columns and videos, which live one level below the home page in a section.
The modal's view is cms.admin_views.SectionFirstBrowseView.
"""

from django.utils.functional import cached_property
from wagtail.admin.panels import PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.blocks import PageChooserBlock

CHOOSER_URL_NAME = "section_first_page_chooser"


class SectionPageChooser(AdminPageChooser):
    """A page chooser whose modal opens in the section of the newest story."""

    chooser_modal_url_name = CHOOSER_URL_NAME


class SectionPageChooserBlock(PageChooserBlock):
    """PageChooserBlock with the section-first chooser (its stored definition unchanged)."""

    @cached_property
    def widget(self):
        return SectionPageChooser(
            target_models=self.target_models, can_choose_root=self.can_choose_root
        )

    def deconstruct(self):
        # Where the chooser opens is not part of the stored block: migrations keep
        # recording a plain PageChooserBlock.
        _, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, kwargs


class SectionPageChooserPanel(PageChooserPanel):
    """PageChooserPanel with the section-first chooser."""

    def get_form_options(self):
        opts = super().get_form_options()
        opts.setdefault("widgets", {})[self.field_name] = SectionPageChooser(
            target_models=self.page_type, can_choose_root=self.can_choose_root
        )
        return opts
