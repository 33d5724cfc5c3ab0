"""Who may do what with corrections: used by the migration that adds them and by tests
that rebuild base content."""

from cms.permissions import app_permissions


def grant_correction_permissions(apps):
    """Editors append and remove corrections; Writers may look at them (`apps`: a migration's
    app registry or django.apps.apps)."""
    Group = apps.get_model("auth.Group")
    perms = app_permissions(apps, "news").filter(content_type__model="correction")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(
            *perms.filter(codename__in=["add_correction", "view_correction", "remove_correction"])
        )
    for group in Group.objects.filter(name="Writers"):
        group.permissions.add(*perms.filter(codename="view_correction"))
