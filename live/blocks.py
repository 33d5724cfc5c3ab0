"""What a live entry may hold: the story blocks a quick update needs, defined in cms/blocks.py."""

from wagtail import blocks

from cms.blocks import ImageBlock, PullQuoteBlock, ReadMoreBlock, VideoBlock, paragraph_block


class LiveEntryBlock(blocks.StreamBlock):
    """The body of one live entry: text, an image, a quote, an embedded video, READ MORE."""

    paragraph = paragraph_block()
    image = ImageBlock()
    quote = PullQuoteBlock(label="Quote")
    embed = VideoBlock(label="Embed (YouTube or Vimeo)")
    read_more = ReadMoreBlock()

    class Meta:
        template = "blocks/story_block.html"
        min_num = 1
