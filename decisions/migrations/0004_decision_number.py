"""Decisions get a number per co-production (Nr. in the Beschlussbuch). Existing decisions
keep the number they were shown with so far, their database id, so that printed and filed
Beschlussbücher stay right; new ones continue after the highest number of their
co-production."""

from django.db import migrations, models


def keep_shown_numbers(apps, schema_editor):
    Decision = apps.get_model("decisions", "Decision")
    Decision.objects.update(number=models.F("id"))


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0003_supersede_by_decided_proposal"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="number",
            field=models.PositiveIntegerField(null=True, verbose_name="Nr."),
        ),
        migrations.RunPython(keep_shown_numbers, migrations.RunPython.noop),
    ]
