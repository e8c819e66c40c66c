"""Every reminder reaches each recipient once: a task that runs again (its worker vanished, or
it failed and is retried) skips whoever already has theirs, subjects stay one line, names
arrive as typed — and a task that keeps failing is logged and given up, never silently."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from tests.factories import make_user, viewer_of
from tests.smtp_server import smtp_server
from workspaces.models import Coproduction, Delivery, Mailing
from workspaces.visibility import visible_among

from ..tasks import make_due, run_due_tasks, scheduled
from .helpers import make_meeting
from .test_reminders import recipients, soon

EVERYONE = {"koordination@amt.example", "amt@example.org", "ini@example.org"}


@pytest.fixture
def reminder(coproduction, coordinator, admin_member, civil_member):
    make_meeting(coproduction, coordinator, starts_at=soon())
    (task,) = scheduled("remind_meeting")
    make_due([task])
    return task


def abandon(task, *, minutes_ago: int, sent_to=()):
    """As if a worker had claimed the task that long ago, mailed ``sent_to`` and died."""
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING",
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=["killed-worker"],
    )
    for address in sent_to:
        Delivery.objects.create(task_id=task.pk, recipient=address)


def test_a_task_whose_worker_vanished_runs_again_for_the_missing_recipients_only(
    reminder, settings
):
    settings.TASK_WORKER_TIMEOUT = 600
    abandon(reminder, minutes_ago=11, sent_to=["amt@example.org"])
    run_due_tasks()
    assert sorted(recipients()) == sorted(EVERYONE - {"amt@example.org"})
    reminder.refresh_from_db()
    assert reminder.status == "SUCCESSFUL" and len(reminder.worker_ids) == 2
    assert set(Delivery.objects.values_list("recipient", flat=True)) == EVERYONE


def test_a_task_within_the_time_out_belongs_to_its_worker(reminder, settings):
    settings.TASK_WORKER_TIMEOUT = 600
    abandon(reminder, minutes_ago=9)
    run_due_tasks()
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.status == "RUNNING"


def test_running_a_finished_task_again_sends_nothing_twice(reminder, settings):
    run_due_tasks()
    assert len(mail.outbox) == 3
    settings.TASK_WORKER_TIMEOUT = 1
    abandon(reminder, minutes_ago=1)
    run_due_tasks()
    assert len(mail.outbox) == 3


def undelivered_on_the_members_page(client, user, coproduction) -> str:
    client.force_login(user)
    page = client.get(f"/werkstatt/{coproduction.slug}/mitglieder/", secure=True)
    return page.content.decode()


def test_a_task_abandoned_too_often_fails_and_the_operator_and_coordination_read_it(
    client, reminder, coproduction, coordinator, settings, caplog
):
    settings.TASK_WORKER_TIMEOUT = 60
    DBTaskResult.objects.filter(pk=reminder.pk).update(
        status="RUNNING",
        started_at=timezone.now() - timedelta(minutes=5),
        worker_ids=[f"worker-{n}" for n in range(settings.TASK_ATTEMPTS)],
    )
    with caplog.at_level(logging.ERROR, logger="gemeinwerk.tasks"):
        run_due_tasks(may_fail=True)
    reminder.refresh_from_db()
    assert reminder.status == "FAILED" and "WorkerVanished" in reminder.exception_class_path
    assert mail.outbox == []
    assert str(reminder.pk) in caplog.text and "given up" in caplog.text
    assert Mailing.objects.get(task=reminder).failed_at == reminder.finished_at
    members = undelivered_on_the_members_page(client, coordinator, coproduction)
    assert "1 E-Mail nicht zugestellt" in members


def test_a_line_break_in_a_title_makes_a_one_line_subject(coproduction, coordinator, civil_member):
    make_meeting(coproduction, coordinator, starts_at=soon(), title="Plenum\nmit Gästen\r\n")
    make_due(scheduled("remind_meeting"))
    run_due_tasks()
    assert [m.subject for m in mail.outbox] == ["[Gemeinwerk] Erinnerung: Plenum mit Gästen"] * 2
    assert "Plenum\nmit Gästen" in mail.outbox[0].body


def test_plain_text_mails_show_names_as_typed(coproduction, coordinator, civil_member):
    coproduction.name = "Brot & Rosen <Süd>"
    coproduction.save()
    make_meeting(coproduction, coordinator, starts_at=soon(), title='Plenum "Essen & Trinken"')
    make_due(scheduled("remind_meeting"))
    run_due_tasks()
    body = mail.outbox[0].body
    assert "„Brot & Rosen <Süd>“" in body and 'Plenum "Essen & Trinken"' in body
    assert "&amp;" not in body and "&quot;" not in body


def test_a_failing_mail_server_means_retries_with_back_off_then_failed_and_logged(
    reminder, settings, caplog
):
    # A real SMTP connection to a port where nobody listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    settings.TASK_ATTEMPTS, settings.TASK_RETRY_DELAY = 3, 60
    waits = []
    with caplog.at_level(logging.WARNING, logger="gemeinwerk.tasks"):
        for _ in range(settings.TASK_ATTEMPTS):
            run_due_tasks(may_fail=True)
            reminder.refresh_from_db()
            if reminder.status == "READY":
                waits.append(round((reminder.run_after - timezone.now()).total_seconds() / 60))
                make_due([reminder])
    assert waits == [1, 2]  # minutes: the delay doubles
    assert reminder.status == "FAILED" and len(reminder.worker_ids) == 3
    assert "ConnectionRefusedError" in reminder.traceback
    assert "failed for good after 3 attempts" in caplog.text
    assert not Delivery.objects.exists()


def fail_for_good(settings):
    """A real SMTP connection to a port where nobody listens, and no second attempt."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    settings.TASK_ATTEMPTS = 1
    run_due_tasks(may_fail=True)


def test_the_coordination_sees_a_mail_given_up_as_not_delivered_with_the_reason(
    client, reminder, coproduction, coordinator, admin_member, settings
):
    fail_for_good(settings)
    reminder.refresh_from_db()
    assert reminder.status == "FAILED"
    assert Mailing.objects.get(task=reminder).failed_at == reminder.finished_at
    members = undelivered_on_the_members_page(client, coordinator, coproduction)
    assert "1 E-Mail nicht zugestellt" in members
    slug = coproduction.slug
    page = client.get(f"/werkstatt/{slug}/nicht-zugestellt/", secure=True).content.decode()
    assert "nicht zugestellt:</strong> Erinnerung an das Treffen" in page
    assert ">Plenum</a>" in page and "ConnectionRefusedError" in page
    client.force_login(admin_member.user)
    assert client.get(f"/werkstatt/{slug}/nicht-zugestellt/", secure=True).status_code == 403


def test_a_mail_that_fails_and_goes_out_when_tried_again_is_never_shown_as_not_delivered(
    client, reminder, coproduction, coordinator, admin_member, settings
):
    settings.TASK_ATTEMPTS = 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5
    run_due_tasks(may_fail=True)
    reminder.refresh_from_db()
    assert reminder.status == "READY", "the first attempt failed; a second one is planned"
    assert Mailing.objects.get(task=reminder).failed_at is None
    assert "nicht zugestellt" not in undelivered_on_the_members_page(
        client, coordinator, coproduction
    )

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due([reminder])
    run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.status == "SUCCESSFUL" and sorted(recipients()) == sorted(EVERYONE)
    assert Mailing.objects.get(task=reminder).failed_at is None
    assert "nicht zugestellt" not in undelivered_on_the_members_page(
        client, coordinator, coproduction
    )


def test_a_side_only_items_failed_mail_shows_on_its_own_side_only(
    client, coproduction, coordinator, civil_member, settings
):
    civil_member.access = "coordination"
    civil_member.save()
    make_meeting(
        coproduction,
        civil_member.user,
        side="civil_society",
        visibility="side",
        starts_at=soon(),
        title="Vorbesprechung der Initiative",
    )
    make_due(scheduled("remind_meeting"))
    fail_for_good(settings)
    url = f"/werkstatt/{coproduction.slug}/nicht-zugestellt/"
    client.force_login(civil_member.user)
    assert "Vorbesprechung der Initiative" in client.get(url, secure=True).content.decode()
    client.force_login(coordinator)  # the administration's coordination
    page = client.get(url, secure=True).content.decode()
    assert "Vorbesprechung" not in page and "Alle E-Mails sind zugestellt." in page
    members = client.get(
        f"/werkstatt/{coproduction.slug}/mitglieder/", secure=True
    ).content.decode()
    assert "nicht zugestellt" not in members


def test_mails_about_a_whole_co_production_are_seen_by_its_members_only(
    coproduction, coordinator, civil_member
):
    ids = [coproduction.pk]
    assert visible_among(viewer_of(civil_member.user, coproduction), Coproduction, ids) == {
        coproduction.pk: coproduction
    }
    assert visible_among(viewer_of(make_user(), coproduction), Coproduction, ids) == {}


def test_a_refused_address_does_not_hold_up_the_others_and_alone_is_tried_again(reminder, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.TASK_ATTEMPTS = 2
    with smtp_server(refused={"amt@example.org"}) as server:
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
        run_due_tasks(may_fail=True)
        assert sorted(server.accepted) == sorted(EVERYONE - {"amt@example.org"})
        reminder.refresh_from_db()
        assert reminder.status == "READY"  # to be tried again
        make_due([reminder])
        run_due_tasks(may_fail=True)
    reminder.refresh_from_db()
    assert reminder.status == "FAILED" and "NotDelivered" in reminder.exception_class_path
    assert "amt@example.org" in reminder.traceback and "User unknown" in reminder.traceback
    assert sorted(server.accepted) == sorted(EVERYONE - {"amt@example.org"}), "nobody twice"


def test_an_ended_co_production_sends_no_meeting_reminder(coproduction, coordinator, civil_member):
    make_meeting(coproduction, coordinator, starts_at=soon())
    Coproduction.objects.filter(pk=coproduction.pk).update(stage=Coproduction.Stage.ENDED)
    make_due(scheduled("remind_meeting"))
    run_due_tasks()
    assert mail.outbox == []


class Killed(BaseException):
    """The worker's process ending where it stands (kill -9 in production)."""


def test_a_worker_killed_right_after_a_failed_attempt_leaves_the_task_to_be_tried_again(
    reminder, settings
):
    # The failure and the retry are one write: there is no moment at which the task is
    # FAILED without a later attempt planned (then it would be neither sent nor listed).
    settings.TASK_ATTEMPTS, settings.TASK_RETRY_DELAY = 2, 60
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 5

    def die(**kwargs):
        raise Killed

    task_finished.connect(die)
    try:
        with pytest.raises(Killed):
            run_due_tasks(may_fail=True)
    finally:
        task_finished.disconnect(die)
    reminder.refresh_from_db()
    assert reminder.status == "READY" and reminder.run_after > timezone.now()
    assert "ConnectionRefusedError" in reminder.traceback
