"""Real, separate Gemeinwerk databases for tests that run the app as its own processes
(manage.py commands, gunicorn): a SQLite file or a PostgreSQL database of their own, filled
and inspected from outside, as an operator would."""

import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))
needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="runs in the PostgreSQL suite")


def app_env(database_url: str, **extra: str) -> dict:
    """The environment of a production process of the app on ``database_url``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gemeinwerk.settings",
        "DEBUG": "0",
        "SECRET_KEY": "tests-only-app-processes",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "EMAIL_HOST": "",
    }
    env.update(extra)
    return env


def manage(database_url: str, *args: str, **extra: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=app_env(database_url, **extra),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def prepare(database_url: str, *, demo: bool = True) -> None:
    """What an operator does once: migrate, the shared cache table, and here the demo data."""
    manage(database_url, "migrate", "--noinput")
    manage(database_url, "createcachetable")
    if demo:
        manage(database_url, "demo", "--force")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def postgres_database(purpose: str):
    """An empty PostgreSQL database of its own on the test server, dropped afterwards."""
    name = f"gemeinwerk_{purpose}_{os.getpid()}"
    admin = _with_database(SERVER_URL, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(SERVER_URL, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_tables(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows (sorted), read straight from the file."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {name: sorted(db.execute(f'SELECT * FROM "{name}"'), key=repr) for name in names}
    finally:
        db.close()


def postgres_tables(url: str) -> dict[str, list[tuple]]:
    """Every table's rows (sorted) and every sequence's position."""
    with psycopg.connect(url) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        tables = {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
        for (sequence,) in connection.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall():
            tables[f"sequence {sequence}"] = connection.execute(
                f'SELECT last_value, is_called FROM "{sequence}"'
            ).fetchall()
        return tables
