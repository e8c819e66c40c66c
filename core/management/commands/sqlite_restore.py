"""Put a backup taken with sqlite_backup back in place of the SQLite database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.sqlite_copy import check_copy, copy_database, sqlite_path


class Command(BaseCommand):
    help = (
        "Stellt die SQLite-Datenbank aus einer Sicherung von sqlite_backup wieder her. Vorher "
        "App-Server und Worker anhalten: alles seit der Sicherung geht verloren."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Sicherungsdatei von sqlite_backup")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="ohne Rückfrage überschreiben (für Skripte)",
        )

    def handle(self, *args, source, yes, **options):
        source = Path(source)
        if not source.is_file():
            raise CommandError(f"Die Sicherung {source} gibt es nicht.")
        # Refuse a damaged or foreign file before anything of the live database is touched.
        check_copy(source)
        target = sqlite_path()
        if not yes:
            question = f"{target} durch {source} ersetzen? Alles seit der Sicherung geht verloren."
            answer = input(f"{question} [ja/nein] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Abgebrochen; nichts geändert.")
        # The backup API writes the copy page by page into the open target under its lock, in
        # one step: other connections see either the old or the restored database.
        copy_database(source, target)
        check_copy(target)
        self.stdout.write(f"Wiederhergestellt: {source} → {target}.")
