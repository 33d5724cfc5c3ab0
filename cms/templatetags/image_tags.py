"""`{% sized_image %}`: an image at one of the sizes named in cms/renditions.py."""

from django import template
from wagtail.images.shortcuts import get_rendition_or_not_found

from cms.renditions import RENDITIONS

register = template.Library()


@register.simple_tag
def sized_image(image, size, **attrs):
    """`<img>` of `image` at the named size ("teaser", "teaser-lead", "body") with `attrs`;
    nothing when there is no image. An unknown size name is an error, not a guess."""
    if not image:
        return ""
    return get_rendition_or_not_found(image, RENDITIONS[size]).img_tag(attrs)
