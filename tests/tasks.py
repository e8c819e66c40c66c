"""Run the background worker in a test, as `manage.py db_worker` runs it in production."""

from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from workspaces.management.commands.db_worker import give_up

WORKER = "django_tasks_db.management.commands.db_worker"


def run_due_tasks(*, may_fail: bool = False) -> list[DBTaskResult]:
    """Run every task that is due with the real worker; fail the test if one failed (unless
    the test is about failures)."""
    before = set(DBTaskResult.objects.values_list("pk", flat=True))
    # Between tasks the worker closes stale connections, as Django does between requests; a
    # test runs inside one transaction, so that is skipped here (as Django's test client does).
    with mock.patch(f"{WORKER}.close_old_connections"):
        call_command(
            "db_worker",
            batch=True,
            interval=0,
            startup_delay=False,
            reload=False,
            stdout=StringIO(),
        )
    ran = list(DBTaskResult.objects.exclude(status="READY").order_by("enqueued_at"))
    failed = [r for r in ran if r.status == "FAILED"]
    assert may_fail or not failed, [r.traceback for r in failed]
    return [r for r in ran if r.pk in before]


def scheduled(task_name: str) -> list[DBTaskResult]:
    """The tasks of that name still waiting (``module.function``), soonest first."""
    return list(
        DBTaskResult.objects.filter(status="READY", task_path__endswith=task_name).order_by(
            "run_after"
        )
    )


def make_due(results) -> None:
    """Let time pass: the given waiting tasks are due now."""
    DBTaskResult.objects.filter(pk__in=[r.pk for r in results]).update(run_after=timezone.now())


def give_up_every_mail(error: BaseException) -> int:
    """As if the worker's last attempt at every queued mail had failed with ``error``: each
    goes the way such a failure goes (``db_worker.give_up``). Returns how many."""
    results = list(DBTaskResult.objects.filter(mailing__isnull=False))
    for result in results:
        give_up(result, error)
    return len(results)
