"""Fixtures for comment tests: an article, its comment settings and a form-filling reader."""

import pytest
from django.contrib.auth.models import Group

from comments.models import CommentSettings
from tests import factories
from tests.comments.helpers import CommitClient


@pytest.fixture
def client():
    """Comment emails go after commit; this client runs them when each request ends."""
    return CommitClient()


@pytest.fixture
def article(news_section):
    return factories.make_article(title="Council tax rises by five per cent")


@pytest.fixture
def comment_settings(site):
    return CommentSettings.for_site(site)


@pytest.fixture
def editor(django_user_model):
    """A member of the Editors group, who may moderate comments."""
    user = django_user_model.objects.create_user(
        "edna", "edna@newsroom.example", "pw", first_name="Edna", last_name="Editor"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user
