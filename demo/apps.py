from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (``manage.py seed_demo``): the top layer, as it seeds every app through its services."""

    name = "demo"
