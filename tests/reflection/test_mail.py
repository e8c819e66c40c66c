"""The invitation to a round goes through the real worker when the round begins; the round
closes itself after its last day. No mail says who answered."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from reflection import services
from reflection.models import Response
from reflection.tasks import close_round
from workspaces.models import Membership

from ..tasks import make_due, run_due_tasks, scheduled
from .helpers import answers, open_round


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_each_member_who_has_not_answered_is_invited_when_the_round_begins(
    coproduction, coordinator, admin_member, civil_member, moderator
):
    Membership.objects.filter(pk=moderator.pk).update(email_reminders=False)
    round_ = open_round(coproduction, coordinator)
    services.response_save(membership=admin_member, round_=round_, answers=answers(3))
    make_due(scheduled("invite_round"))
    run_due_tasks()
    assert recipients() == {"koordination@amt.example", "ini@example.org"}
    message = mail.outbox[0]
    assert "Reflexion: Reflexion Herbst" in message.subject
    assert f"/reflexion/{round_.pk}/antworten/" in message.body
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "amt@example.org" not in message.body


def test_a_round_moved_later_invites_on_its_new_first_day_only(
    coproduction, coordinator, civil_member
):
    today = timezone.localdate()
    round_ = open_round(coproduction, coordinator, opens_on=today + timedelta(days=2))
    services.round_update(
        actor=coordinator,
        round_=round_,
        expected_version=round_.version,
        opens_on=today + timedelta(days=5),
        closes_on=today + timedelta(days=9),
    )
    old, new = scheduled("invite_round")
    make_due([old])
    run_due_tasks()
    assert mail.outbox == []  # the old date: silent, and the round has not begun anyway
    assert new.run_after.date() == today + timedelta(days=5)


def test_the_worker_closes_a_round_after_its_last_day_and_forgets_who_answered(
    coproduction, coordinator, civil_member
):
    round_ = open_round(coproduction, coordinator)
    services.response_save(membership=civil_member, round_=round_, answers=answers(3))
    type(round_).objects.filter(pk=round_.pk).update(
        opens_on=round_.opens_on - timedelta(days=20),
        closes_on=round_.opens_on - timedelta(days=1),
    )
    closing = scheduled("close_round")
    make_due(closing)
    run_due_tasks()
    round_.refresh_from_db()
    # The end moved (by hand here): the task for the old end stays silent.
    assert round_.closed_at is None
    close_round.enqueue(round_.pk, round_.closes_on.isoformat())
    run_due_tasks()
    round_.refresh_from_db()
    assert round_.closed_at is not None
    assert Response.objects.get().membership is None
