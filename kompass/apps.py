from django.apps import AppConfig


class KompassConfig(AppConfig):
    """Der Kompass-Check and the overview of a co-production: the top app that reads every
    feature app's data (DESIGN.md, layer 4)."""

    name = "kompass"
    verbose_name = "Kompass-Check"

    def ready(self):
        from guide import hooks
        from kompass import registry

        registry.collect()
        hooks.card_checks = registry.card_checks
        hooks.extra_pages = registry.faecher_pages
