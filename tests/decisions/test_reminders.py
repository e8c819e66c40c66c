"""E-mails about votes go through the real worker: when a vote opens, and a day before it
closes to those who have not voted yet — only to those entitled to vote."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from decisions import selectors, services, voting
from workspaces.models import Membership

from ..tasks import make_due, run_due_tasks, scheduled
from .conftest import draft, open_vote


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_opening_a_vote_mails_those_entitled_and_schedules_a_reminder(
    coproduction, coordinator, admin_member, civil_member, civil_observer
):
    decision = open_vote(draft(coproduction, coordinator), coordinator, days=7)
    reminder = scheduled("remind_vote")
    assert len(reminder) == 1
    assert reminder[0].run_after == decision.closes_at - timedelta(days=1)

    run_due_tasks()
    # Observers do not vote, so they get no call to vote.
    assert recipients() == {"koordination@amt.example", "amt@example.org", "ini@example.org"}
    message = next(m for m in mail.outbox if m.to == ["ini@example.org"])
    assert message.subject == f"[Gemeinwerk] Abstimmung: {decision.question}"
    assert f"/entscheidungen/{decision.pk}/" in message.body
    assert "Erinnerungen per E-Mail schaltet ihr hier ab" in message.body

    mail.outbox.clear()
    voting.vote_cast(
        actor=civil_member.user, decision=decision, membership=civil_member, choice="agree"
    )
    make_due(reminder)
    run_due_tasks()
    assert recipients() == {"koordination@amt.example", "amt@example.org"}
    assert "Ihr habt noch nicht abgestimmt" in mail.outbox[0].body


def test_a_side_only_vote_mails_only_that_side(
    coproduction, coordinator, admin_member, civil_member
):
    decision = draft(coproduction, coordinator, visibility="side", owner_side="administration")
    open_vote(decision, coordinator)
    run_due_tasks()
    assert recipients() == {"koordination@amt.example", "amt@example.org"}
    assert all(decision.question in m.subject for m in mail.outbox)


def test_members_who_switched_reminders_off_get_none(coproduction, coordinator, civil_member):
    Membership.objects.filter(pk=civil_member.pk).update(email_reminders=False)
    open_vote(draft(coproduction, coordinator), coordinator)
    run_due_tasks()
    assert recipients() == {"koordination@amt.example"}


def test_a_reminder_stays_silent_once_the_vote_is_counted(coproduction, coordinator, civil_member):
    decision = open_vote(draft(coproduction, coordinator), coordinator, days=7)
    run_due_tasks()
    mail.outbox.clear()
    for member in selectors.eligible_voters(decision):
        voting.vote_cast(actor=member.user, decision=decision, membership=member, choice="agree")
    voting.decision_close(actor=coordinator, decision=decision)
    make_due(scheduled("remind_vote"))
    run_due_tasks()
    assert mail.outbox == []


def test_a_vote_that_opens_later_is_announced_then(coproduction, coordinator, civil_member):
    decision = draft(coproduction, coordinator)
    decision.refresh_from_db()
    opens = timezone.now() + timedelta(days=2)
    voting.decision_open_voting(
        actor=coordinator,
        decision=decision,
        opens_at=opens,
        closes_at=opens + timedelta(days=14),
        expected_version=decision.version,
    )
    run_due_tasks()
    assert mail.outbox == []
    assert scheduled("announce_vote")[0].run_after == opens


def test_a_refused_opening_queues_nothing(coproduction, coordinator, civil_member):
    decision = draft(coproduction, coordinator)
    with pytest.raises(services.DecisionError):
        open_vote(decision, coordinator, days=-1)
    assert scheduled("announce_vote") == [] and scheduled("remind_vote") == []
