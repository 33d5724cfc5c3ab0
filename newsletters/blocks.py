"""The parts of a newsletter issue editors put together."""

from wagtail import blocks

STORY_PAGE_TYPES = ["news.ArticlePage", "opinion.LastWordPage", "news.VideoPage"]
INTRO_FEATURES = ["bold", "italic", "link"]


class StoryChooserBlock(blocks.PageChooserBlock):
    """One article, column or video from the site."""

    def __init__(self, **kwargs):
        super().__init__(page_type=STORY_PAGE_TYPES, **kwargs)

    class Meta:
        icon = "doc-full"
        label = "Story"


class SectionBlock(blocks.StructBlock):
    """A headed group of stories, e.g. "Local government" or "Worth reading"."""

    heading = blocks.CharBlock(max_length=100)
    text = blocks.RichTextBlock(
        required=False, features=INTRO_FEATURES, help_text="Optional lines under the heading."
    )
    stories = blocks.ListBlock(StoryChooserBlock(), min_num=1, label="Stories, in order")

    class Meta:
        icon = "list-ul"
        label = "Section"
