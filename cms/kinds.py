"""The kinds of content (news, last word, TV): one stored key each, a label for display.

Each page type built on ContentPage declares `kind_key`, the key stored in
ContentPage.page_type and in the search index and taken by `?type=` on /search/ and in the
API; and `kind_label`, what readers see. Renaming a label changes no URL and needs no
reindex.
"""

from functools import cache

from django.apps import apps

from cms.models import ContentPage


@cache
def content_models():
    """Every concrete page model built on ContentPage, in app order."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ContentPage) and model is not ContentPage and model.is_creatable
    ]


@cache
def kinds():
    """{key: label} for every kind, e.g. {"news": "News", "last-word": "Last word"}."""
    return {model.kind_key: model.kind_label for model in content_models()}


def model_for_kind(key):
    """The page model of a kind key; KeyError for a key no kind has."""
    for model in content_models():
        if model.kind_key == key:
            return model
    raise KeyError(key)
