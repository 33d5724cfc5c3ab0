"""The base content (cms/base_content.py) the migration made comes back the same in tests."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Site, Workflow, WorkflowPage

from tests import factories


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "depth", "title", "slug")),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page__slug")),
        "groups": {
            group.name: sorted(group.permissions.values_list("codename", flat=True))
            for group in Group.objects.filter(name__in=["Writers", "Editors"])
        },
        "workflows": list(
            Workflow.objects.values_list("name", "workflow_tasks__task__name", "active")
        ),
        "workflow_pages": list(WorkflowPage.objects.values_list("page__depth", "workflow__name")),
    }


@pytest.mark.django_db
def test_an_emptied_database_gets_back_what_the_migration_made():
    migrated = snapshot()
    assert migrated["pages"][1][2:] == ("Home", "home")
    assert ("Editorial review", "Editor approval", True) in migrated["workflows"]

    WorkflowPage.objects.all().delete()
    Site.objects.all().delete()
    Page.objects.all().delete()
    factories.restore_base_content()

    restored = snapshot()
    assert restored["pages"] == migrated["pages"]
    assert restored["sites"] == migrated["sites"]
    assert restored["groups"] == migrated["groups"]
    assert restored["workflows"] == migrated["workflows"]
    assert restored["workflow_pages"] == migrated["workflow_pages"]
    assert factories.home_page().get_parent().is_root()
