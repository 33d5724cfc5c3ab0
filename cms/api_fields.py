"""How topics, authors and images appear in the read-only API (README "API").

Only what the public site already shows: no emails, no drafts, no editors' notes.
"""

from urllib.parse import urljoin

from django.apps import apps
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Site

from cms.licences import licence_of

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


class LicenceField(serializers.Field):
    """The item's licence (its own, else the site default) and the words that go with it."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        # By name: cms.models imports this module for ContentPage.api_fields.
        site_settings = apps.get_model("cms", "SiteSettings").for_request(self.context["request"])
        licence = licence_of(page, site_settings)
        publication = site_settings.publication_name
        return {
            "key": licence.key,
            "name": licence.name,
            "url": licence.url or None,
            "attribution": licence.attribution_for(publication),
            "rights": licence.rights_for(publication),
            "reusable": licence.reusable,
        }


class RightsField(LicenceField):
    """The rights statement alone, as feeds give it in `dc:rights`."""

    def to_representation(self, page):
        return super().to_representation(page)["rights"]


class CorrectionSerializer(serializers.Serializer):
    """A correction or clarification as readers see it on the item."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    date = serializers.DateTimeField(source="published_at")
    text = serializers.CharField()


class CorrectionsField(serializers.Field):
    """The item's corrections, oldest first, without withdrawn ones (news.Correction,
    reached through the page's reverse relation)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        # .all() so the API's prefetch serves every item of a listing in one query.
        shown = [c for c in page.corrections.all() if c.removed_at is None]
        shown.sort(key=lambda c: (c.published_at, c.pk))
        return CorrectionSerializer(shown, many=True).data


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
    APIField("rights", serializer=RightsField()),
    APIField("licence", serializer=LicenceField()),
    APIField("corrections", serializer=CorrectionsField()),
]
