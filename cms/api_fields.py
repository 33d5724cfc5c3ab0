"""How topics, authors and images appear in the read-only API (README "API").

Only what the public site already shows: no emails, no drafts, no editors' notes.
"""

from urllib.parse import urljoin

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Site

API_IMAGE_RENDITION = "fill-1200x675"


def site_url(request, path):
    """`path` made absolute with the requested Wagtail site's own scheme and host."""
    site = Site.find_for_request(request) if request is not None else None
    return urljoin(site.root_url + "/", path) if site else path


class SiteURLField(serializers.Field):
    """The object's page on the site, as an absolute URL on the site's real host."""

    def __init__(self, **kwargs):
        super().__init__(source="get_absolute_url", read_only=True, **kwargs)

    def to_representation(self, value):
        return site_url(self.context.get("request"), value)


class SiteImageRenditionField(ImageRenditionField):
    """Wagtail's rendition field, with full_url on the site's host, not the admin's."""

    def to_representation(self, image):
        data = super().to_representation(image)
        if "url" in data:
            data["full_url"] = site_url(self.context.get("request"), data["url"])
        return data


class TopicSerializer(serializers.Serializer):
    """A topic: its name, slug and page on the site."""

    name = serializers.CharField()
    slug = serializers.CharField()
    html_url = SiteURLField()


class AuthorSerializer(serializers.Serializer):
    """An author as their public profile shows them."""

    name = serializers.CharField()
    slug = serializers.CharField()
    role = serializers.CharField()
    organisation = serializers.CharField()
    html_url = SiteURLField()


CONTENT_API_FIELDS = [
    APIField("standfirst"),
    APIField("date", serializer=serializers.DateTimeField(read_only=True)),
    APIField("last_updated"),
    APIField("authors", serializer=AuthorSerializer(many=True, read_only=True)),
    APIField("topics", serializer=TopicSerializer(many=True, read_only=True)),
    APIField("hero_image", serializer=SiteImageRenditionField(API_IMAGE_RENDITION)),
    APIField("hero_caption"),
    APIField("hero_credit"),
    APIField("body"),
    APIField("rights"),
]
