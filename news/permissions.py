"""Who may do what with corrections: used by the migration that adds them and by tests
that rebuild base content."""

from django.contrib.auth.management import create_permissions


def grant_correction_permissions(apps):
    """Editors append and remove corrections; Writers may look at them (`apps`: a migration's
    app registry or django.apps.apps)."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    app_config = apps.get_app_config("news")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # historical apps have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    perms = Permission.objects.filter(
        content_type__app_label="news", content_type__model="correction"
    )
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(
            *perms.filter(codename__in=["add_correction", "view_correction", "remove_correction"])
        )
    for group in Group.objects.filter(name="Writers"):
        group.permissions.add(*perms.filter(codename="view_correction"))
