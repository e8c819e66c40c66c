"""Backup and restore, round trip on both databases, comparing every table.

SQLite: manage.py sqlite_backup while the app writes, sqlite_restore into a new file.
PostgreSQL: exactly the pg_dump and pg_restore commands of the README.
"""

import sqlite3
import subprocess
import sys
import time

from tests.appdb import (
    ROOT,
    app_env,
    manage,
    needs_postgres,
    postgres_database,
    postgres_tables,
    prepare,
    sqlite_tables,
)

# Writes through the app's own service while the backup runs: each goal and its history
# record are committed in one transaction, so a consistent copy has both or neither.
WRITER = """
import os
from pathlib import Path
from goals.models import Goal
from goals.services import goal_create
from tests import factories
stop = Path(os.environ["WRITER_STOP_FILE"])
user = factories.make_user("sicherung@example.org")
coproduction = factories.make_coproduction(user, name="Sicherung im Betrieb")
side = coproduction.partners.get().side
number = 0
while not stop.exists():
    number += 1
    goal_create(actor=user, coproduction=coproduction, kind=Goal.Kind.SIDE, owner_side=side,
                level=Goal.Level.ABSTRACT, title=f"Sicherungstest {number}")
    if number == 20:
        print("writing", flush=True)
print(number, flush=True)
"""


def goals_and_their_records(path) -> tuple[int, int]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        goals = db.execute(
            "SELECT count(*) FROM goals_goal WHERE title LIKE 'Sicherungstest %'"
        ).fetchone()[0]
        records = db.execute(
            "SELECT count(*) FROM history_changerecord WHERE object_label LIKE 'Sicherungstest %'"
        ).fetchone()[0]
        return goals, records
    finally:
        db.close()


def test_sqlite_backup_while_the_app_writes_and_restore_return_every_table(tmp_path):
    live = tmp_path / "live.sqlite3"
    live_url = f"sqlite:///{live}"
    prepare(live_url)

    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", WRITER],
        cwd=ROOT,
        env=app_env(live_url, WRITER_STOP_FILE=str(stop)),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # Errors of the writer go to the test's output; an empty line means it died.
        assert writer.stdout.readline().strip() == "writing"
        backup = tmp_path / "gemeinwerk-backup.sqlite3"
        manage(live_url, "sqlite_backup", str(backup))
        time.sleep(0.5)
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=120)[0].strip())

    goals, records = goals_and_their_records(backup)
    assert goals >= 20, "the backup holds what was committed before it began"
    assert goals == records, "a consistent state: no goal without its history record"
    assert goals < written, "the app went on writing during and after the backup"

    restored = tmp_path / "restored.sqlite3"
    manage(f"sqlite:///{restored}", "sqlite_restore", str(backup), "--yes")
    expected, actual = sqlite_tables(backup), sqlite_tables(restored)
    assert len(expected) > 30 and expected.keys() == actual.keys()
    for table, rows in expected.items():
        assert actual[table] == rows, table
    # The restored database is complete for the app: nothing left to migrate, data readable.
    manage(f"sqlite:///{restored}", "migrate", "--check")
    assert (
        "Ziele"
        in manage(
            f"sqlite:///{restored}",
            "shell",
            "-c",
            "from goals.models import Goal; print('Ziele', Goal.objects.count())",
        ).stdout
    )


def small_database(path) -> None:
    """Enough of a Gemeinwerk database for the checks that refuse (no migrations needed)."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE django_migrations (app TEXT, name TEXT)")
    db.execute("INSERT INTO django_migrations VALUES ('goals', '0001_initial')")
    db.commit()
    db.close()


def test_sqlite_restore_refuses_a_damaged_file_and_leaves_the_database_alone(tmp_path):
    live = tmp_path / "live.sqlite3"
    small_database(live)
    before = sqlite_tables(live)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = subprocess.run(
        [sys.executable, "manage.py", "sqlite_restore", str(damaged), "--yes"],
        cwd=ROOT,
        env=app_env(f"sqlite:///{live}"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "keine lesbare SQLite-Datenbank" in result.stderr or "beschädigt" in result.stderr
    assert sqlite_tables(live) == before


def test_sqlite_backup_never_overwrites_an_existing_file(tmp_path):
    live = tmp_path / "live.sqlite3"
    small_database(live)
    existing = tmp_path / "old-backup.sqlite3"
    existing.write_text("die Sicherung von gestern")
    result = subprocess.run(
        [sys.executable, "manage.py", "sqlite_backup", str(existing)],
        cwd=ROOT,
        env=app_env(f"sqlite:///{live}"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "gibt es schon" in result.stderr
    assert existing.read_text() == "die Sicherung von gestern"


@needs_postgres
def test_postgres_round_trip_with_the_readme_commands_returns_every_table(tmp_path):
    dump = tmp_path / "gemeinwerk.dump"
    with postgres_database("backup_source") as source, postgres_database("backup_target") as target:
        prepare(source)
        # README, "Backup and restore", PostgreSQL:
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={dump}",
                source,
            ],
            check=True,
        )
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={target}",
                str(dump),
            ],
            check=True,
        )
        expected, actual = postgres_tables(source), postgres_tables(target)
        assert len(expected) > 30 and expected.keys() == actual.keys()
        for table, rows in expected.items():
            assert actual[table] == rows, table
        manage(target, "migrate", "--check")
        # New rows after a restore do not collide with restored ones (sequences came along).
        manage(target, "shell", "-c", "from tests import factories; factories.make_user()")
