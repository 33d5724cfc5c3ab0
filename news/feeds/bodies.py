"""Load the bodies of many pages at once, so a feed's query count does not grow with items.

A StreamField fetches the images and pages its blocks refer to one page at a time. Here
each block type is converted for all the feed's pages with one `bulk_to_python` call,
and the renditions the image block uses are prefetched in one more query.
"""

from collections import defaultdict

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.blocks import StreamValue, StructValue
from wagtail.images import get_image_model

from cms.renditions import RENDITIONS

BODY_IMAGE_RENDITION = RENDITIONS["body"]  # what templates/blocks/image_block.html shows


def prefetch_bodies(pages):
    """Replace each page's lazy `body` with one whose blocks are already converted."""
    if not pages:
        return
    stream_block = pages[0].body.stream_block
    raw_values = defaultdict(list)
    for page in pages:
        for raw in page.body.raw_data:
            raw_values[raw["type"]].append(raw["value"])
    converted = {
        name: iter(stream_block.child_blocks[name].bulk_to_python(values))
        for name, values in raw_values.items()
        if name in stream_block.child_blocks
    }
    images = []
    for page in pages:
        children = []
        for raw in page.body.raw_data:
            if raw["type"] not in converted:
                continue
            value = next(converted[raw["type"]])
            if isinstance(value, StructValue) and value.get("image") is not None:
                images.append(value["image"])
            children.append((raw["type"], value, raw.get("id")))
        page.body = StreamValue(stream_block, children, is_lazy=False)
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=BODY_IMAGE_RENDITION)
    )
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions))
