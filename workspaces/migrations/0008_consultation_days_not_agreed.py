"""A Rücksprachefrist that nobody has stated is empty, no longer 0: a partner who decides
without internal consultation can now say 0. Every stored 0 dates from before this choice
existed, when 0 was the default of a new partner, so it becomes "not stated"."""

from django.db import migrations, models


def zero_means_not_stated(apps, schema_editor):
    apps.get_model("workspaces", "Partner").objects.filter(consultation_days=0).update(
        consultation_days=None
    )


def not_stated_means_zero(apps, schema_editor):
    apps.get_model("workspaces", "Partner").objects.filter(consultation_days=None).update(
        consultation_days=0
    )


class Migration(migrations.Migration):
    dependencies = [("workspaces", "0007_stage_target_group_experience_roles")]

    operations = [
        migrations.AlterField(
            model_name="partner",
            name="consultation_days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Wie viele Tage braucht ihr für interne Rücksprache vor einer Entscheidung?",
                null=True,
                verbose_name="Rücksprachefrist in Tagen",
            ),
        ),
        migrations.RunPython(zero_means_not_stated, not_stated_means_zero),
    ]
