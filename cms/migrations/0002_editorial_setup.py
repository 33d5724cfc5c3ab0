"""Out-of-the-box newsroom: a home page, Writers and Editors, and an "Editorial review" workflow.

Wagtail's own migrations create a "Welcome" page, "Editors" (may edit, not publish) and
"Moderators" (may publish) groups, and a "Moderators approval" workflow on the root page.
This renames them to a newsroom's words: Writers submit, Editors approve.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def setup(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    # 1. Replace Wagtail's welcome page with our home page.
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(depth=2, slug="home", content_type=page_type).delete()
    if not HomePage.objects.exists():
        Locale = apps.get_model("wagtailcore.Locale")
        locale = Locale.objects.order_by("pk").first() or Locale.objects.create(
            language_code="en-gb"
        )
        home = HomePage.objects.create(
            locale_id=locale.pk,
            title="Home",
            draft_title="Home",
            slug="home",
            content_type=home_type,
            path="00010001",
            depth=2,
            numchild=0,
            url_path="/home/",
            live=True,
        )
        root = Page.objects.get(depth=1)
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])
        Site.objects.filter(is_default_site=True).delete()
        Site.objects.create(
            hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True
        )

    # 2. Newsroom names for Wagtail's default groups and workflow.
    if not Group.objects.filter(name="Writers").exists():
        Group.objects.filter(name="Editors").update(name="Writers")
    if not Group.objects.filter(name="Editors").exists():
        Group.objects.filter(name="Moderators").update(name="Editors")
    editors, _ = Group.objects.get_or_create(name="Editors")
    writers, _ = Group.objects.get_or_create(name="Writers")

    task = Task.objects.filter(name="Moderators approval").first()
    if task is not None:
        task.name = "Editor approval"
        task.save(update_fields=["name"])
    else:
        task_type, _ = ContentType.objects.get_or_create(
            model="groupapprovaltask", app_label="wagtailcore"
        )
        task = GroupApprovalTask.objects.create(
            name="Editor approval", content_type=task_type, active=True
        )
        task.groups.set([editors])
    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow is not None:
        workflow.name = "Editorial review"
        workflow.save(update_fields=["name"])
    else:
        workflow, _ = Workflow.objects.get_or_create(name="Editorial review", active=True)
        WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, sort_order=0)
    root = Page.objects.get(depth=1)
    if not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=workflow)

    # 3. Editors manage topics and authors; writers may see them to file their stories.
    app_config = apps.get_app_config("cms")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # historical apps have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    for model in ("topic", "author"):
        perms = Permission.objects.filter(content_type__app_label="cms", content_type__model=model)
        editors.permissions.add(*perms)
        writers.permissions.add(*perms.filter(codename__startswith="view_"))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
