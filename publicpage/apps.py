from django.apps import AppConfig


class PublicpageConfig(AppConfig):
    """The public transparency page (cards 17, 18, 52): a top app that reads the feature apps
    and shows only what their partners marked public."""

    name = "publicpage"
    verbose_name = "Öffentliche Seite"
