"""`manage.py db_worker`: django-tasks-db's worker, made to keep every promise of a mail.

django-tasks-db claims a task by marking it RUNNING (under a row lock) and appending its worker
id; if that worker dies (kill -9, out of memory, a lost machine) nothing looks at the task
again. This command (found before the library's, as ``workspaces`` comes first in
INSTALLED_APPS) runs the library's worker with these additions:

- **Recovery**: a task RUNNING for longer than ``TASK_WORKER_TIMEOUT`` seconds has lost its
  worker and is made READY again, for any worker to take up. Each worker checks at start and
  then every few seconds in a side thread (the library's loop has no hook).
- **Retries**: a task that fails runs again after ``TASK_RETRY_DELAY`` seconds, doubled with
  each attempt, up to ``TASK_ATTEMPTS`` attempts (counted by the worker ids the library records
  per claim); after the last one it stays FAILED and is logged as an error. A task abandoned
  that often fails too, so a task that kills its worker cannot loop for ever.
- **A failed attempt is one transaction** (``fail_attempt``, which takes the place of the
  library's ``set_failed``): the error with the task made READY again for later, or — after
  the last attempt — the task FAILED with its mail's ``Mailing.failed_at``, which the
  coordination's list of undelivered mails reads (``give_up``, also for a task abandoned too
  often). No worker dying in between can leave a task FAILED that is neither retried nor
  listed.

A task that runs again skips the recipients it has already delivered to (``notify.deliver``).
"""

import logging
import threading
import time
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from workspaces.models import Mailing
from workspaces.notify import failure_reason

logger = logging.getLogger("gemeinwerk.tasks")


class WorkerVanished(Exception):
    """The worker running a task stopped answering (killed or lost) too often."""


def give_up(result: DBTaskResult, error: BaseException) -> None:
    """Fail the task for good and mark its mail, if it is one, as not delivered — in one
    transaction, so no worker dying in between leaves a FAILED task that the list of
    undelivered mails misses. The only place that sets ``Mailing.failed_at``: an attempt
    that is tried again never gets here."""
    with transaction.atomic():
        DBTaskResult.set_failed(result, error)  # the library's own
        Mailing.objects.filter(task_id=result.pk).update(failed_at=result.finished_at)


def fail_attempt(result: DBTaskResult, error: BaseException) -> None:
    """What the library's ``set_failed`` does for the worker's tasks: the last attempt gives
    up; an earlier one records its error and makes the task READY again after a delay — in one
    transaction, so the task is never left FAILED without being tried again."""
    attempts = len(result.worker_ids)  # this claim included
    if attempts >= settings.TASK_ATTEMPTS:
        give_up(result, error)
        logger.error(
            "Task %s (%s) failed for good after %d attempts: %s",
            result.pk,
            result.task_path,
            attempts,
            failure_reason(result),
        )
        return
    delay = timedelta(seconds=settings.TASK_RETRY_DELAY * 2 ** (attempts - 1))
    with transaction.atomic():
        DBTaskResult.set_failed(result, error)
        result.status = "READY"
        result.run_after = timezone.now() + delay
        result.finished_at = None
        result.save(update_fields=["status", "run_after", "finished_at"])
    logger.warning(
        "Task %s (%s) failed (attempt %d of %d), again in %s: %s",
        result.pk,
        result.task_path,
        attempts,
        settings.TASK_ATTEMPTS,
        delay,
        failure_reason(result),
    )


def reclaim_abandoned(backend_name: str) -> int:
    """Make the tasks whose worker vanished READY again (or FAILED after the last attempt);
    returns how many were taken back."""
    cutoff = timezone.now() - timedelta(seconds=settings.TASK_WORKER_TIMEOUT)
    stale = DBTaskResult.objects.running().filter(backend_name=backend_name, started_at__lt=cutoff)
    if not stale.exists():  # the usual case: no write lock taken
        return 0
    with exclusive_transaction(stale.db):
        abandoned = list(stale.select_for_update(skip_locked=True))
        for result in abandoned:
            attempts = len(result.worker_ids)
            if attempts >= settings.TASK_ATTEMPTS:
                give_up(result, WorkerVanished(f"{attempts} Worker nacheinander verschwunden"))
                logger.error(
                    "Task %s (%s) abandoned by its worker for the %d. time: given up",
                    result.pk,
                    result.task_path,
                    attempts,
                )
            else:
                result.status = "READY"
                result.save(update_fields=["status"])
                logger.warning(
                    "Task %s (%s) abandoned by worker %s: ready to run again",
                    result.pk,
                    result.task_path,
                    result.worker_ids[-1] if result.worker_ids else "?",
                )
    return len(abandoned)


class Worker(library.Worker):
    def run(self) -> None:
        reclaim_abandoned(self.backend_name)
        if not self.batch:
            threading.Thread(target=self.reclaim_regularly, daemon=True).start()
        super().run()

    def reclaim_regularly(self) -> None:
        every = min(max(settings.TASK_WORKER_TIMEOUT / 2, 1), 60)
        while self.running:
            time.sleep(every)
            try:
                reclaim_abandoned(self.backend_name)
            except Exception:
                logger.exception("Checking for abandoned tasks failed; trying again")
            finally:
                close_old_connections()
        connection.close()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        # The library records a failure through the result's set_failed.
        db_task_result.set_failed = partial(fail_attempt, db_task_result)
        super().run_task(db_task_result)


class Command(library.Command):
    help = "Run the database worker; recovers tasks of vanished workers, retries failed ones"

    def handle(self, *args, **options) -> None:
        # The library builds its Worker by name in this module's namespace; ours takes its place.
        original = library.Worker
        library.Worker = Worker
        try:
            super().handle(*args, **options)
        finally:
            library.Worker = original
