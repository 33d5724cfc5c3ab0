"""StreamField blocks shared by articles, columns and videos; one template each."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.images.blocks import ImageChooserBlock

from cms.choosers import SectionPageChooserBlock
from cms.embeds import SUPPORTED_PROVIDERS_MESSAGE, parse_video_url

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class HeadingBlock(blocks.StructBlock):
    """A sub-heading inside the body (the page title is the only h1)."""

    text = blocks.CharBlock(max_length=150)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2", required=True
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A sub-heading that breaks up a long article"
        preview_value = {"text": "What the council decided", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    """An image with caption, credit and alternative text."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for readers who cannot see it. "
        "Leave blank to use the image's own description.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text: screen readers skip it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(required=False, max_length=120, help_text="e.g. Photo: PA")
    # Per use, like the credit (see ContentPage.hero_reusable).
    reusable = blocks.BooleanBlock(
        required=False,
        default=False,
        label="May be republished",
        help_text="Tick only if others may reuse this image with the story; "
        "unticked, the “Republish this story” copy leaves it out.",
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "A picture across the text column, with caption and credit"


class PullQuoteBlock(blocks.StructBlock):
    """A quotation pulled out of the text for emphasis."""

    quote = blocks.TextBlock(max_length=400)
    attribution = blocks.CharBlock(required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote_block.html"
        description = "A short, striking quotation set apart from the text"
        preview_value = {
            "quote": "Every pound we spend has to work twice as hard.",
            "attribution": "Council leader",
        }


class FactboxBlock(blocks.StructBlock):
    """A boxed panel of key facts or background."""

    title = blocks.CharBlock(max_length=120, default="Key facts")
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        template = "blocks/factbox_block.html"
        description = "Background or key figures in a box beside the story"
        preview_value = {"title": "Key facts", "body": "<ul><li>£1.2bn budget</li></ul>"}


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video, embedded without contacting the provider until played."""

    video = EmbedBlock(help_text="A YouTube or Vimeo address")
    caption = blocks.CharBlock(required=False, max_length=250)
    transcript = blocks.TextBlock(
        required=False,
        help_text="What is said and shown, for readers who cannot watch or hear it. "
        "Needed before publishing.",
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = "A YouTube or Vimeo video"

    def clean(self, value):
        video = value.get("video")
        url = video.url if isinstance(video, EmbedValue) else video
        if url and parse_video_url(url) is None:
            raise blocks.StructBlockValidationError(
                block_errors={"video": ErrorList([ValidationError(SUPPORTED_PROVIDERS_MESSAGE)])}
            )
        return super().clean(value)


class ReadMoreBlock(blocks.StructBlock):
    """An inline "READ MORE: <title>" link to another page of the site or an external URL."""

    page = SectionPageChooserBlock(required=False, label="Page on this site")
    url = blocks.URLBlock(required=False, label="…or external URL")
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Leave blank to use the linked page's title (required for external links).",
    )

    class Meta:
        icon = "link"
        template = "blocks/read_more_block.html"
        description = "READ MORE: a link to a related story"
        label = "Read more"

    def clean(self, value):
        errors = {}
        page, url, title = value.get("page"), value.get("url"), value.get("title")
        if page and url:
            errors["url"] = ErrorList([ValidationError("Choose a page or enter a URL, not both.")])
        elif not page and not url:
            errors["page"] = ErrorList([ValidationError("Choose a page or enter a URL.")])
        elif url and not title:
            errors["title"] = ErrorList([ValidationError("External links need a title.")])
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return super().clean(value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("page")
        live_page = page if page is not None and page.live else None
        context["link_url"] = live_page.url if live_page else value.get("url")
        context["link_title"] = value.get("title") or (live_page.title if live_page else "")
        return context


def paragraph_block():
    """A paragraph of rich text: one definition for every stream that has paragraphs."""
    return blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description="A paragraph of text",
    )


class StoryBlock(blocks.StreamBlock):
    """The body of an article, column or video page."""

    paragraph = paragraph_block()
    heading = HeadingBlock()
    image = ImageBlock()
    pull_quote = PullQuoteBlock()
    factbox = FactboxBlock()
    video = VideoBlock()
    read_more = ReadMoreBlock()

    class Meta:
        template = "blocks/story_block.html"
