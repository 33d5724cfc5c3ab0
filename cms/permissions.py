"""Permissions that migrations grant to the newsroom's groups."""

from django.contrib.auth.management import create_permissions


def app_permissions(apps, app_label):
    """The Permission rows of one app, made now where missing: migrations run before
    Django's post_migrate signal creates them. `apps`: a migration's app registry or
    django.apps.apps."""
    app_config = apps.get_app_config(app_label)
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # historical apps have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    return apps.get_model("auth.Permission").objects.filter(content_type__app_label=app_label)
