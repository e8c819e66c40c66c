"""Reminders that a funding or a position ends, through the real worker: 6, 3 and 1 month
before, to the members of the item's side who may see it, each once per person."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from resources import services
from resources.models import EndReminder
from resources.tasks import due_stage, months_before, schedule_end_reminders
from tests.resources.factories import make_funding, make_position
from tests.tasks import run_due_tasks
from workspaces.models import Membership

pytestmark = pytest.mark.django_db


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_the_stage_due_is_the_nearest_reached():
    end = date(2027, 8, 31)
    assert months_before(end, 6) == date(2027, 2, 28)  # the day clamps to the month's end
    assert due_stage(end, date(2027, 2, 27)) is None
    assert due_stage(end, date(2027, 2, 28)) == 6
    assert due_stage(end, date(2027, 6, 1)) == 3
    assert due_stage(end, date(2027, 8, 1)) == 1
    assert due_stage(end, date(2027, 9, 1)) is None  # over


def test_a_side_only_funding_is_reminded_to_its_side_once_per_person(
    coproduction, coordinator, office, admin_member, civil_member
):
    today = timezone.localdate()
    funding = make_funding(coproduction, coordinator, office, end_date=today + timedelta(days=80))
    assert schedule_end_reminders(today) == 1
    assert schedule_end_reminders(today) == 0  # already waiting for the worker
    run_due_tasks()
    assert recipients() == {"koordination@amt.example", "amt@example.org"}
    assert "in 3 Monaten" in mail.outbox[0].body and funding.title in mail.outbox[0].subject

    mail.outbox.clear()
    call_command("remind_ends", stdout=None)  # the daily timer, again
    run_due_tasks()
    assert mail.outbox == []
    assert EndReminder.objects.filter(months=3).count() == 2


def test_the_next_stage_reminds_again_and_a_settled_follow_up_stops_it(
    coproduction, coordinator, office, admin_member
):
    today = timezone.localdate()
    funding = make_funding(coproduction, coordinator, office, end_date=today + timedelta(days=80))
    schedule_end_reminders(today)
    run_due_tasks()
    mail.outbox.clear()

    month_later = today + timedelta(days=55)
    schedule_end_reminders(month_later)
    run_due_tasks()
    assert recipients() == {"koordination@amt.example", "amt@example.org"}
    assert "in einem Monat" in mail.outbox[0].body

    mail.outbox.clear()
    services.funding_update(
        actor=coordinator,
        funding=funding,
        expected_version=funding.version,
        end_date=today + timedelta(days=100),
    )
    assert schedule_end_reminders(today) == 1  # a new end date: its reminders anew
    services.funding_update(
        actor=coordinator,
        funding=funding,
        expected_version=funding.version,
        follow_up="end",
        follow_up_owner=Membership.objects.get(user=coordinator),
        decide_by=today + timedelta(days=30),
    )
    run_due_tasks()  # queued before it was settled: stays silent
    assert mail.outbox == []
    assert schedule_end_reminders(today) == 0


def test_a_shared_position_reaches_only_its_own_side_and_not_who_switched_reminders_off(
    coproduction, coordinator, office, admin_member, civil_member
):
    today = timezone.localdate()
    Membership.objects.filter(pk=admin_member.pk).update(email_reminders=False)
    position = make_position(
        coproduction,
        coordinator,
        office,
        visibility="coproduction",
        end_date=today + timedelta(days=20),
    )
    schedule_end_reminders(today)
    run_due_tasks()
    assert recipients() == {"koordination@amt.example"}
    assert "Wer übernimmt" in mail.outbox[0].body
    assert f"/ressourcen/stellen/{position.pk}/" in mail.outbox[0].body
    assert schedule_end_reminders(today) == 0


def test_an_ended_co_production_is_reminded_of_nothing(coproduction, coordinator, office):
    today = timezone.localdate()
    make_funding(coproduction, coordinator, office, end_date=today + timedelta(days=20))
    assert schedule_end_reminders(today) == 1
    type(coproduction).objects.filter(pk=coproduction.pk).update(stage="ended")
    run_due_tasks()  # queued before it ended: stays silent
    assert mail.outbox == []
    assert schedule_end_reminders(today) == 0
