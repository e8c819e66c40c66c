"""E-mails about meetings go through the real worker: the invitation to a scheduling poll a
few minutes after it is created, and a reminder the day before a meeting — only to members
who may see it."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from meetings import polls, services
from meetings.tasks import POLL_GRACE
from structures import services as structures

from ..tasks import make_due, run_due_tasks, scheduled
from .helpers import make_meeting


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def soon(days: int = 3):
    return (timezone.now() + timedelta(days=days)).replace(microsecond=0)


def test_a_meeting_is_reminded_the_day_before_with_its_agenda(
    coproduction, coordinator, admin_member, civil_member
):
    meeting = make_meeting(coproduction, coordinator, starts_at=soon())
    services.agenda_item_add(actor=coordinator, meeting=meeting, title="Haushalt 2027")
    reminder = scheduled("remind_meeting")
    assert [r.run_after for r in reminder] == [meeting.starts_at - timedelta(days=1)]
    run_due_tasks()
    assert mail.outbox == []  # not yet due

    make_due(reminder)
    run_due_tasks()
    assert recipients() == {"koordination@amt.example", "amt@example.org", "ini@example.org"}
    body = mail.outbox[0].body
    assert "Erinnerung: Plenum" in mail.outbox[0].subject
    assert "Rathaus, Raum 101" in body and "1. Haushalt 2027" in body
    assert f"/treffen/{meeting.pk}/kalender.ics" in body


def test_a_side_only_meeting_is_reminded_to_that_side_only(
    coproduction, coordinator, admin_member, civil_member
):
    make_meeting(
        coproduction,
        civil_member.user,
        side="civil_society",
        visibility="side",
        starts_at=soon(),
        title="Vorbesprechung der Initiative",
    )
    make_due(scheduled("remind_meeting"))
    run_due_tasks()
    assert recipients() == {"ini@example.org"}


def test_a_moved_meeting_is_reminded_once_at_its_new_time(coproduction, coordinator, civil_member):
    first = soon()  # once: a second call may fall into the next second
    meeting = make_meeting(coproduction, coordinator, starts_at=first)
    moved = soon(5)
    services.meeting_update(
        actor=coordinator,
        meeting=meeting,
        expected_version=meeting.version,
        starts_at=moved,
        ends_at=moved + timedelta(hours=2),
    )
    reminders = scheduled("remind_meeting")
    assert [r.run_after for r in reminders] == [
        first - timedelta(days=1),
        moved - timedelta(days=1),
    ]
    make_due(reminders)
    run_due_tasks()
    assert len(mail.outbox) == 2  # one meeting, two members: the stale reminder stays silent


def test_a_past_meeting_gets_no_reminder(coproduction, coordinator):
    make_meeting(coproduction, coordinator, starts_at=soon(-2))
    assert scheduled("remind_meeting") == []


def test_a_poll_invites_those_who_have_not_answered_after_a_grace_period(
    coproduction, coordinator, admin_member, civil_member
):
    start = soon(7)
    poll = polls.poll_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="",
        title="Auftakt",
        visibility="coproduction",
        dates=[(start, start + timedelta(hours=2), "")],
    )
    invitation = scheduled("announce_poll")
    assert len(invitation) == 1
    assert invitation[0].run_after >= timezone.now() + POLL_GRACE - timedelta(minutes=1)
    polls.availability_set(membership=admin_member, poll=poll, answers={poll.dates.get().pk: "yes"})
    make_due(invitation)
    run_due_tasks()
    assert recipients() == {"koordination@amt.example", "ini@example.org"}
    assert "Auftakt" in mail.outbox[0].subject and f"/umfragen/{poll.pk}/" in mail.outbox[0].body


def test_a_bodys_meeting_reminds_its_members_and_mandate_holders(
    coproduction, coordinator, admin_member, civil_member
):
    group = structures.body_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="",
        name="AG Schulessen",
        kind="working_group",
        members=[civil_member],
    )
    make_meeting(coproduction, coordinator, starts_at=soon(), body=group)
    make_due(scheduled("remind_meeting"))
    run_due_tasks()
    assert recipients() == {"ini@example.org"}


def test_a_body_without_members_reminds_everyone_who_sees_the_meeting(
    coproduction, coordinator, civil_member
):
    group = structures.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="Plenum", kind="plenary"
    )
    make_meeting(coproduction, coordinator, starts_at=soon(), body=group)
    make_due(scheduled("remind_meeting"))
    run_due_tasks()
    assert recipients() == {"koordination@amt.example", "ini@example.org"}
