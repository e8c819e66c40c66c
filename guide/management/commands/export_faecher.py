from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guide.export import ExportError, export_site


class Command(BaseCommand):
    help = (
        "Exportiert den Fächer als statische Website in DIR: für Intranets ohne Python, "
        "über einen einfachen Webserver oder direkt aus dem Dateisystem zu öffnen."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", type=Path, help="Zielverzeichnis")

    def handle(self, *args, directory: Path, **options):
        try:
            result = export_site(directory)
        except ExportError as error:
            raise CommandError(str(error)) from error
        for path in result.skipped:
            self.stderr.write(self.style.WARNING(f"Übersprungen (noch nicht verfügbar): {path}"))
        start = directory / "index.html"
        self.stdout.write(
            self.style.SUCCESS(f"{len(result.files)} Dateien nach {directory} geschrieben.")
            + f"\nStartseite: {start}"
        )
