from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo co-productions (a top app: it builds on every part of the Werkstatt)."""

    name = "demo"
    verbose_name = "Demo"
