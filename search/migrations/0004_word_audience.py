"""The words of side-only entries are listed under their side: the prefix search of one side
then never looks at the other side's private words (which could otherwise crowd its own out
of the fifty a short beginning stands for, or turn an exact count into „mindestens“)."""

from collections import defaultdict

from django.db import migrations, models

POSTGRESQL = [
    "DROP INDEX IF EXISTS search_word_prefix",
    "CREATE INDEX search_word_prefix ON search_word "
    "(coproduction_id, owner_side, term text_pattern_ops)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_word_prefix",
    "CREATE INDEX search_word_prefix ON search_word (coproduction_id, term text_pattern_ops)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def list_words_by_side(apps, schema_editor):
    Entry = apps.get_model("search", "Entry")
    Word = apps.get_model("search", "Word")
    Word.objects.all().delete()
    words = defaultdict(set)
    rows = Entry.objects.values_list(
        "coproduction_id", "visibility", "owner_side", "title_terms", "text_terms"
    )
    for coproduction_id, visibility, owner_side, title_terms, text_terms in rows.iterator():
        cut = len(f"c{coproduction_id}")
        side = owner_side if visibility == "side" else ""
        words[coproduction_id, side].update(
            t[cut:] for t in f"{title_terms} {text_terms}".split() if len(t) - cut <= 100
        )
    for (coproduction_id, side), terms in words.items():
        Word.objects.bulk_create(
            [Word(coproduction_id=coproduction_id, owner_side=side, term=t) for t in terms],
            batch_size=500,
            ignore_conflicts=True,
        )
    if schema_editor.connection.vendor == "postgresql":
        # The foreign keys are checked at commit; PostgreSQL refuses the next step's index
        # while such checks are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def forget_words(apps, schema_editor):
    """Back to one list per co-production: ``manage.py rebuild_search_index`` fills it."""
    apps.get_model("search", "Word").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_coproduction_scoped_index")]

    operations = [
        migrations.RemoveConstraint(model_name="word", name="one_word_per_coproduction"),
        migrations.AddField(
            model_name="word",
            name="owner_side",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AddConstraint(
            model_name="word",
            constraint=models.UniqueConstraint(
                fields=("coproduction", "owner_side", "term"), name="one_word_per_audience"
            ),
        ),
        migrations.RunPython(list_words_by_side, forget_words),
        migrations.RunPython(_run({"postgresql": POSTGRESQL}), _run({"postgresql": POSTGRESQL_REVERSE})),
    ]
