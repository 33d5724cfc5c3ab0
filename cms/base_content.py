"""What a fresh site starts with: a home page, Writers and Editors, and an "Editorial review"
workflow.

Wagtail's own migrations create a "Welcome" page, "Editors" (may edit, not publish) and
"Moderators" (may publish) groups, and a "Moderators approval" workflow on the root page.
This renames them to a newsroom's words: Writers submit, Editors approve. It creates
whatever is missing and leaves what exists, so it serves both the migration that sets the
site up (cms/migrations/0002_editorial_setup.py, with historical models) and tests that
emptied the database (tests/factories.py, with the current ones).
"""

from cms.permissions import app_permissions


def create_base_content(apps):
    """Create the root and home pages, default site, groups and workflow where missing;
    `apps` is a migration's app registry or django.apps.apps."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    # 1. Replace Wagtail's welcome page with our home page (and the tree's root, in a test
    # database that was emptied).
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    page_type, _ = ContentType.objects.get_or_create(model="page", app_label="wagtailcore")
    Page.objects.filter(depth=2, slug="home", content_type=page_type).delete()
    Locale = apps.get_model("wagtailcore.Locale")
    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="en-gb")
    if not Page.objects.filter(depth=1).exists():
        _add_page(Page, page_type, locale, "Root", "root", path="0001", url_path="/")
    if not HomePage.objects.exists():
        home = _add_page(HomePage, home_type, locale, "Home", "home", "00010001", "/home/")
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

    task = Task.objects.filter(name__in=["Moderators approval", "Editor approval"]).first()
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
    workflow = Workflow.objects.filter(name__in=["Moderators approval", "Editorial review"]).first()
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
    cms_permissions = app_permissions(apps, "cms")
    for model in ("topic", "author"):
        perms = cms_permissions.filter(content_type__model=model)
        editors.permissions.add(*perms)
        writers.permissions.add(*perms.filter(codename__startswith="view_"))


def _add_page(model, content_type, locale, title, slug, path, url_path):
    """A live page written straight into the tree (historical models have no add_child)."""
    return model.objects.create(
        locale_id=locale.pk,
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=path,
        depth=len(path) // 4,
        numchild=0,
        url_path=url_path,
        live=True,
    )
