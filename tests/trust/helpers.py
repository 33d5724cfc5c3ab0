"""Posting the page editor's form as an editor would."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from tests import factories
from tests.cms.test_workflow import article_form, user_in

__all__ = ["editor", "editor_form", "post_add", "rich_text", "streamfield", "user_in"]


def editor(username="eddie"):
    return user_in("Editors", username)


def superuser(username="admin"):
    return get_user_model().objects.create_superuser(username, f"{username}@example.org", "pw")


def editor_form(author, body=None, replies=(), **extra):
    """The add/edit form of an article or column, with every field an editor leaves as is."""
    fields = {"right_of_reply": inline_formset(list(replies))}
    if body is not None:
        fields["body"] = streamfield(body)
    return article_form(author, factories.make_topic(), **fields, **extra)


def add_url(section, model="news.articlepage"):
    app, name = model.split(".")
    return reverse("wagtailadmin_pages:add", args=(app, name, section.pk))


def post_add(client, section, form, action, model="news.articlepage"):
    """Post the new-page form with one of the editor's buttons: publish, submit or save."""
    actions = {"publish": {"action-publish": "Publish"}, "submit": {"action-submit": "Submit"}}
    return client.post(add_url(section, model), {**form, **actions.get(action, {})})


def group(name):
    return Group.objects.get(name=name)
