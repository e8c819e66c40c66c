from django.apps import AppConfig


class KompassConfig(AppConfig):
    """Der Kompass-Check and the overview of a co-production: the top app that reads every
    feature app's data (DESIGN.md, layer 4)."""

    name = "kompass"
    verbose_name = "Kompass-Check"

    def ready(self):
        from guide import hooks
        from history.signals import change_recorded
        from kompass import registry, tasks

        registry.collect()
        change_recorded.connect(tasks.after_change, dispatch_uid="kompass-refresh")
        hooks.card_checks = registry.card_checks
        hooks.extra_pages = registry.faecher_pages
