"""Copying SQLite databases with SQLite's online backup API (backup and restore)."""

import sqlite3
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection


def sqlite_path() -> Path:
    if connection.vendor != "sqlite":
        raise CommandError(
            "Diese Datenbank ist PostgreSQL: sichert sie mit pg_dump und stellt sie mit "
            "pg_restore wieder her (README: Sicherung und Wiederherstellung)."
        )
    return Path(connection.settings_dict["NAME"])


def copy_database(source: Path, target: Path) -> None:
    # One step over all pages: the copy reads inside one read transaction, i.e. one committed
    # state. In WAL mode (Gemeinwerk's SQLite) readers do not block writers, so the app keeps
    # writing meanwhile; copying in several steps would instead restart whenever a writer
    # commits, and might never finish on a busy database.
    source_db = sqlite3.connect(source, timeout=30)
    target_db = sqlite3.connect(target, timeout=30)
    try:
        source_db.backup(target_db, pages=-1)
    finally:
        target_db.close()
        source_db.close()


def check_copy(path: Path) -> int:
    """The copy is intact and is a Gemeinwerk database; returns the number of tables."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = db.execute("PRAGMA integrity_check").fetchone()
            tables = {
                name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path} ist keine lesbare SQLite-Datenbank: {error}") from error
    if result != "ok":
        raise CommandError(f"{path} ist beschädigt: {result}")
    if "django_migrations" not in tables:
        raise CommandError(f"{path} ist keine Gemeinwerk-Datenbank.")
    return len(tables)
