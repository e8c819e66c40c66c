from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    name = "lifecycle"
    verbose_name = "Verlauf: Verstetigung, Abschluss, Wirkung"
