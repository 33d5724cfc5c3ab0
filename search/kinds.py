"""The kinds of content search covers (news, last word, TV), read from the page models."""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify

from cms.models import ContentPage


@cache
def content_models():
    """Every concrete page model built on ContentPage, in app order."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ContentPage) and model is not ContentPage and model.is_creatable
    ]


def kind_key(model):
    """The URL value for a kind, e.g. "last-word" for LastWordPage."""
    return slugify(model.kind_label)


@cache
def kinds():
    """{key: label} for every kind, e.g. {"news": "News", "last-word": "Last word"}."""
    return {kind_key(model): model.kind_label for model in content_models()}


def model_for_kind(key):
    for model in content_models():
        if kind_key(model) == key:
            return model
    raise KeyError(key)


def kind_for_page_type(label):
    """The kind key of a page from ContentPage.page_type ("news.articlepage")."""
    for model in content_models():
        if model._meta.label_lower == label:
            return kind_key(model)
    return ""


def kind_for_content_type_id(content_type_id):
    """The kind key of a page from its content type id (ContentType's cache, no query)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return kind_key(model) if model is not None else ""
