from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Suche in der Werkstatt"

    def ready(self):
        from search import indexing

        indexing.connect()
