"""Each co-production's words apart in the full-text index, and the words a beginning stands for.

Every stem in ``title_terms`` and ``text_terms`` gets its co-production in front
(``c12wohnung``): SQLite's FTS5 table and PostgreSQL's GIN index then hold each co-production's
words apart, and a search no longer reads the postings of every other co-production. On
PostgreSQL the document is built from these stems too (``simple`` configuration: they already
are the guide's Snowball German stems with the parts of compounds), title weighted A, text B —
so ``parts`` is no longer needed and both databases search the same words. ``Word`` lists each
co-production's stems for the prefix search.
"""

from collections import defaultdict
from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models

FULL_TEXT = import_module("search.migrations.0002_full_text")

POSTGRESQL = [
    """ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', text_terms), 'B')
    ) STORED""",
    "CREATE INDEX search_entry_document ON search_entry USING GIN (document)",
    # The prefix search's LIKE 'wohn%' reads a range of this index whatever the collation.
    "CREATE INDEX search_word_prefix ON search_word (coproduction_id, term text_pattern_ops)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_word_prefix",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
]
MAX_STEM = 100


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def scope_terms(apps, schema_editor):
    """Put each entry's co-production in front of its stems and list its words; on SQLite
    without the triggers, then the FTS5 table is rebuilt from the entries at once."""
    Entry = apps.get_model("search", "Entry")
    Word = apps.get_model("search", "Word")
    sqlite = schema_editor.connection.vendor == "sqlite"
    if sqlite:
        for statement in FULL_TEXT.SQLITE_REVERSE[:3]:  # the triggers
            schema_editor.execute(statement)
    words = defaultdict(set)
    ids = list(Entry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        batch = list(
            Entry.objects.filter(pk__in=ids[start : start + 500]).only(
                "coproduction_id", "title_terms", "text_terms"
            )
        )
        for entry in batch:
            for name in ("title_terms", "text_terms"):
                stems = getattr(entry, name).split()
                words[entry.coproduction_id].update(s for s in stems if len(s) <= MAX_STEM)
                setattr(entry, name, " ".join(f"c{entry.coproduction_id}{s}" for s in stems))
        Entry.objects.bulk_update(batch, ["title_terms", "text_terms"])
    for coproduction_id, terms in words.items():
        Word.objects.bulk_create(
            [Word(coproduction_id=coproduction_id, term=t) for t in terms],
            batch_size=500,
            ignore_conflicts=True,
        )
    if not sqlite:
        # The words' foreign keys are checked at commit; PostgreSQL refuses the indexes of the
        # next step while such checks are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    if sqlite:
        for statement in FULL_TEXT.SQLITE_TRIGGERS:
            schema_editor.execute(statement)
        schema_editor.execute("INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text"),
        ("workspaces", "0003_availability_label_register"),
    ]

    operations = [
        # The old document reads ``parts``: it goes first (and comes back last on the way back,
        # empty until ``manage.py rebuild_search_index``).
        migrations.RunPython(
            _run({"postgresql": ["ALTER TABLE search_entry DROP COLUMN document"]}),
            _run({"postgresql": FULL_TEXT.POSTGRESQL}),
        ),
        migrations.RemoveField(model_name="entry", name="parts"),
        migrations.CreateModel(
            name="Word",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("term", models.CharField(max_length=100)),
                (
                    "coproduction",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="workspaces.coproduction",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("coproduction", "term"), name="one_word_per_coproduction"
                    )
                ],
            },
        ),
        migrations.RunPython(scope_terms, migrations.RunPython.noop),
        migrations.RunPython(_run({"postgresql": POSTGRESQL}), _run({"postgresql": POSTGRESQL_REVERSE})),
    ]
