"""The databases' own full-text index over the entries, one per vendor.

PostgreSQL: a generated tsvector column (``german`` configuration; title, text and compound
parts weighted A, B, C) with a GIN index. SQLite: an FTS5 table over the stemmed columns with
the entries as external content, kept current by triggers in the writing transaction. Django
rebuilds a SQLite table for some later schema changes and drops its triggers with it: a later
migration that alters ``search_entry`` must create them again (``SQLITE_TRIGGERS``).
"""

from django.db import migrations

POSTGRESQL = [
    """ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german', coalesce(title, '')), 'A')
        || setweight(to_tsvector('german', coalesce(text, '')), 'B')
        || setweight(to_tsvector('german', coalesce(parts, '')), 'C')
    ) STORED""",
    "CREATE INDEX search_entry_document ON search_entry USING GIN (document)",
]
POSTGRESQL_REVERSE = ["ALTER TABLE search_entry DROP COLUMN document"]
SQLITE_TRIGGERS = [
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_entry_fts(rowid, title_terms, text_terms)
        VALUES (new.id, new.title_terms, new.text_terms);
    END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
    END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
        INSERT INTO search_entry_fts(rowid, title_terms, text_terms)
        VALUES (new.id, new.title_terms, new.text_terms);
    END""",
]
SQLITE = [
    """CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        title_terms, text_terms, content='search_entry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    *SQLITE_TRIGGERS,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TABLE IF EXISTS search_entry_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
