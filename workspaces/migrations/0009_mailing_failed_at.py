"""A mail the worker gave up on carries the moment on itself (``Mailing.failed_at``), with an
index of the failed mails per co-production: the list of undelivered mails no longer joins
every mail of the co-production to its task."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("workspaces", "0008_consultation_days_not_agreed")]

    operations = [
        migrations.AddField(
            model_name="mailing",
            name="failed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="mailing",
            index=models.Index(
                condition=models.Q(("failed_at__isnull", False)),
                fields=["coproduction", "failed_at", "id"],
                name="mailing_failed_idx",
            ),
        ),
    ]
