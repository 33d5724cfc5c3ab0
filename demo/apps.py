from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Realistic demo content (`manage.py seed_demo`). It imports every content app; nothing
    imports it, so it lives apart from them."""

    name = "demo"
    verbose_name = "Demo content"
