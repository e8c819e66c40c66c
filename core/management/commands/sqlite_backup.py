"""A consistent copy of the SQLite database, taken while the application keeps writing."""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.sqlite_copy import check_copy, copy_database, sqlite_path


class Command(BaseCommand):
    help = (
        "Sichert die SQLite-Datenbank im laufenden Betrieb in eine Datei (SQLite-Backup-API: "
        "ein in sich stimmiger Stand, auch während geschrieben wird)."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="Datei für die Sicherung (darf noch nicht existieren)")

    def handle(self, *args, target, **options):
        source = sqlite_path()
        target = Path(target)
        if target.exists():
            raise CommandError(f"{target} gibt es schon; eine Sicherung überschreibt nichts.")
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        try:
            copy_database(source, partial)
            tables = check_copy(partial)
        except (sqlite3.Error, CommandError):
            partial.unlink(missing_ok=True)
            raise
        # Only a complete, checked copy gets the name, so a half-written file is never
        # mistaken for a backup.
        partial.rename(target)
        self.stdout.write(f"Gesichert: {source} → {target} ({tables} Tabellen, geprüft).")
