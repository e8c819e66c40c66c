"""Every mail listed as undelivered before stays listed: a mail whose task is FAILED gets its
``failed_at`` from the moment the task finished (the order the list had), or — should a task
have failed without one — from when it was queued."""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_failed_at(apps, schema_editor):
    Mailing = apps.get_model("workspaces", "Mailing")
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    task = DBTaskResult.objects.filter(pk=OuterRef("task_id"))
    Mailing.objects.filter(task__status="FAILED", failed_at__isnull=True).update(
        failed_at=Subquery(
            task.annotate(moment=Coalesce("finished_at", "enqueued_at")).values("moment")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workspaces", "0009_mailing_failed_at"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(fill_failed_at, migrations.RunPython.noop)]
