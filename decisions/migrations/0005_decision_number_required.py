# A migration of its own: PostgreSQL does not alter a table in the transaction that just
# updated its rows.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_decision_number"),
    ]

    operations = [
        migrations.AlterField(
            model_name="decision",
            name="number",
            field=models.PositiveIntegerField(verbose_name="Nr."),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                fields=("coproduction", "number"), name="one_number_per_decision"
            ),
        ),
    ]
