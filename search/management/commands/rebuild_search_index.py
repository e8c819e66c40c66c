from django.core.management.base import BaseCommand
from django.db import transaction

from search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Index every item of the Werkstatt again, e.g. after a bulk import of your own or "
        "after installing the search on an existing database."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild()
        self.stdout.write(f"{count} Einträge im Suchindex.")
