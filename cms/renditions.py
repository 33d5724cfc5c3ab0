"""The image sizes the site shows, named once.

Templates ask for them by name with `{% rendition %}` (cms/templatetags/image_tags.py), and
the listing query and feeds prefetch the very same ones, so they cannot drift apart.
"""

RENDITIONS = {
    "teaser-lead": "fill-640x360",  # the lead teaser; also the feeds' enclosure image
    "teaser": "fill-320x180",  # every other teaser and search result
    "body": "width-960",  # an image block in a story's body
}

TEASER_RENDITIONS = (RENDITIONS["teaser-lead"], RENDITIONS["teaser"])
