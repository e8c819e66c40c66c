"""No reminder is lost or doubled when a worker dies: real `manage.py db_worker` processes on
the test database (SQLite or PostgreSQL, whichever the suite runs on). The first worker is
killed with SIGKILL in the middle of a batch of reminders; a second one takes the abandoned
task up after TASK_WORKER_TIMEOUT and finishes. Then every recipient has exactly one mail of
each reminder — except, at most, the one recipient whose mail the server had accepted when
the worker died and whose delivery was not yet recorded (README: "E-mail and worker").

Run alone with ``-s`` to see the figures."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from meetings import services
from tests.factories import add_member, make_coproduction, make_user
from tests.mailbox import sent_mails
from tests.tasks import make_due, scheduled

MEMBERS = 30
MEETINGS = 3


def start_worker(mail_dir: Path, *extra: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "GW_WORKER_DB": str(connection.settings_dict["NAME"]),
        "GW_MAIL_DIR": str(mail_dir),
        "TASK_WORKER_TIMEOUT": "2",
    }
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-reload"]
    return subprocess.Popen(  # noqa: S603 - our own command line
        [*command, "--no-startup-delay", *extra],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def due():
    """The tasks due by now: not the Check's refresh queued for a later moment
    (``kompass.tasks.follow``)."""
    return DBTaskResult.objects.filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now())
    )


def wait_for(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_loses_and_doubles_no_reminder(tmp_path):
    coordinator = make_user("koordination@amt.example")
    coproduction = make_coproduction(coordinator)
    addresses = {coordinator.email}
    for n in range(MEMBERS - 1):
        addresses.add(add_member(coproduction, make_user(f"mitglied{n}@example.org")).user.email)
    starts = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    for n in range(MEETINGS):
        services.meeting_create(
            actor=coordinator,
            coproduction=coproduction,
            owner_side="",
            visibility="coproduction",
            title=f"Plenum {n}",
            starts_at=starts + timedelta(hours=n),
            ends_at=starts + timedelta(hours=n + 1),
            format="in_person",
            place="Rathaus",
        )
    make_due(scheduled("remind_meeting"))
    expected = {
        (f"[Gemeinwerk] Erinnerung: Plenum {n}", a) for n in range(MEETINGS) for a in addresses
    }

    first = start_worker(tmp_path)
    wait_for(lambda: len(sent_mails(tmp_path)) >= len(expected) // 2)
    first.send_signal(signal.SIGKILL)
    first.wait()
    sent_by_first = len(sent_mails(tmp_path))
    abandoned = DBTaskResult.objects.filter(status="RUNNING").count()

    second = start_worker(tmp_path)
    try:
        wait_for(lambda: not due().filter(status__in=["READY", "RUNNING"]).exists())
    finally:
        second.send_signal(signal.SIGTERM)
        log = second.communicate(timeout=30)[1]

    counts = Counter(sent_mails(tmp_path))
    missing = expected - set(counts)
    doubled = {mail: n for mail, n in counts.items() if n > 1}
    print(
        f"\n{connection.vendor}: {len(expected)} reminders expected, first worker killed after"
        f" {sent_by_first}, {abandoned} task abandoned; after the second worker:"
        f" {sum(counts.values())} sent, {len(missing)} missing, {len(doubled)} doubled"
    )
    assert abandoned == 1 and sent_by_first < len(expected)
    assert "abandoned by worker" in log
    assert set(counts) == expected, f"missing: {sorted(missing)}"
    assert len(doubled) <= 1 and set(doubled.values()) <= {2}, doubled
    assert set(due().values_list("status", flat=True)) == {"SUCCESSFUL"}
