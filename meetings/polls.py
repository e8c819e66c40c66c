"""Writes of scheduling polls (card 26): proposed dates, the members' answers, and closing a poll
into the meeting it agreed on (``meetings.services``).

Every function owns its transaction; the poll's row is locked for every change of its dates
and answers. Permission is checked by the views; the rules here hold for every caller.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from history.models import ChangeRecord
from history.services import record_change
from meetings import tasks
from meetings.models import Availability, ProposedDate, SchedulePoll
from meetings.services import BERLIN, MeetingError, check_times, meeting_create
from workspaces.concurrency import save_versioned
from workspaces.services import create_recorded, delete_recorded, update_recorded
from workspaces.visibility import Visibility, owning_side

EVENING_FROM = 17  # a weekday date starting at 17:00 or later counts as evening
POLL_FIELDS = ["title", "visibility"]
PAST_DATE = "Dieser Termin liegt in der Vergangenheit. Schlagt einen Termin vor, der noch kommt."


def default_slot(starts_at: datetime) -> str:
    """Weekend on Saturday and Sunday, evening from 17:00, otherwise working hours (card 26)."""
    local = timezone.localtime(starts_at, BERLIN)
    if local.weekday() >= 5:
        return ProposedDate.Slot.WEEKEND
    if local.hour >= EVENING_FROM:
        return ProposedDate.Slot.EVENING
    return ProposedDate.Slot.WORKING_HOURS


@transaction.atomic
def poll_create(
    *, actor, coproduction, owner_side: str, title: str, visibility: str, dates=()
) -> SchedulePoll:
    """A poll with its first proposed dates: (starts_at, ends_at, slot or "") triples."""
    _check_poll_visibility(visibility)
    poll = create_recorded(
        actor,
        SchedulePoll(
            coproduction=coproduction,
            title=title,
            visibility=visibility,
            owner_side=owning_side(owner_side, visibility),
        ),
        POLL_FIELDS,
    )
    for starts_at, ends_at, slot in dates:
        date_add(
            actor=actor, poll=poll, starts_at=starts_at, ends_at=ends_at, slot=slot, record=False
        )
    tasks.schedule_poll_mail(poll)
    return poll


def _check_poll_visibility(visibility: str) -> None:
    """A poll is for the members who answer it: who can come when is nobody else's business,
    and the public page could not show an answer form anyway."""
    if visibility == Visibility.PUBLIC:
        raise MeetingError(
            "Eine Terminumfrage ist nie öffentlich: Sie zeigt, wann wer kann. Veröffentlicht "
            "stattdessen das Treffen, das daraus wird.",
            field="visibility",
        )


POLL_CLOSED = "Diese Umfrage ist abgeschlossen und lässt sich nicht mehr ändern."
ANSWERS_CLOSED = "Diese Umfrage ist abgeschlossen. Antworten sind nicht mehr möglich."


def _open_poll(poll: SchedulePoll, closed: str = POLL_CLOSED) -> SchedulePoll:
    """The stored poll, locked for this transaction; a closed (saying ``closed``) or deleted
    one is refused."""
    stored = SchedulePoll.objects.select_for_update().filter(pk=poll.pk).first()
    if stored is None:
        raise MeetingError("Diese Umfrage gibt es nicht mehr. Jemand hat sie gelöscht.")
    if stored.closed:
        raise MeetingError(closed)
    return stored


@transaction.atomic
def poll_update(*, actor, poll: SchedulePoll, expected_version: int, **values) -> SchedulePoll:
    """Change title or visibility of an open poll (versioned, recorded)."""
    stored = _open_poll(poll)
    values = {name: value for name, value in values.items() if name in POLL_FIELDS}
    _check_poll_visibility(values.get("visibility", ""))
    if values.get("visibility") == Visibility.SIDE and not stored.owner_side:
        raise MeetingError(
            "Eine gemeinsame Umfrage gehört keiner Seite allein. Wählt „Alle Mitglieder“.",
            field="visibility",
        )
    return update_recorded(actor, poll, POLL_FIELDS, expected_version, values)


@transaction.atomic
def date_add(
    *, actor, poll: SchedulePoll, starts_at, ends_at, slot: str = "", record: bool = True
) -> ProposedDate:
    _open_poll(poll)
    check_times(starts_at, ends_at)
    if starts_at < timezone.now():
        # Nobody can meet at a date that has passed; a poll only asks about coming ones.
        raise MeetingError(PAST_DATE, field="starts_at")
    date = ProposedDate.objects.create(
        poll=poll, starts_at=starts_at, ends_at=ends_at, slot=slot or default_slot(starts_at)
    )
    if record:
        record_change(
            actor=actor,
            item=poll,
            action=ChangeRecord.Action.UPDATED,
            changes={"dates": [None, str(date)]},
        )
    return date


@transaction.atomic
def date_remove(*, actor, date: ProposedDate, expected_answers: int | None = None) -> int:
    """Remove a proposed date with its answers; returns how many answers went with it.

    ``expected_answers`` is the number the person was shown when confirming: if more members
    have answered since, nothing is removed and they are told.
    """
    poll = _open_poll(date.poll)
    stored = ProposedDate.objects.filter(pk=date.pk, poll=poll).first()
    if stored is None:
        return 0
    answers = stored.answers.count()
    if expected_answers is not None and answers > expected_answers:
        raise MeetingError(
            f"Inzwischen {'hat ein Mitglied' if answers == 1 else f'haben {answers} Mitglieder'} "
            "zu diesem Termin geantwortet. Schaut es "
            "euch noch einmal an, bevor ihr ihn entfernt."
        )
    record_change(
        actor=actor,
        item=poll,
        action=ChangeRecord.Action.UPDATED,
        changes={"dates": [str(stored), None]},
    )
    stored.delete()
    return answers


@transaction.atomic
def availability_set(*, membership, poll: SchedulePoll, answers: dict) -> int:
    """One answer per member and date; answering again replaces the earlier answer.
    ``answers`` maps ProposedDate ids to an Availability.Answer (or "" to withdraw).

    Recorded as a ballot, as a vote is: the poll's history says who answered when (the poll
    shows every answer anyway), and what is kept until the next change — what waits for each
    member — follows the answer, while the Kompass-Check, which never reads answers, stays kept.
    """
    # Locked like every change of the poll's dates: an answer waits for a date being removed
    # (and is refused then), instead of being deleted with it past the removal's count.
    stored = _open_poll(poll, closed=ANSWERS_CLOSED)
    valid = set(stored.dates.values_list("pk", flat=True))
    before = _answered(stored, membership)
    changed = 0
    for date_id, answer in answers.items():
        if date_id not in valid:
            raise MeetingError("Diesen Terminvorschlag gibt es in der Umfrage nicht.")
        if not answer:
            Availability.objects.filter(date_id=date_id, membership=membership).delete()
            continue
        if answer not in Availability.Answer.values:
            raise MeetingError("Bitte wählt Ja, Wenn es sein muss oder Nein.")
        Availability.objects.update_or_create(
            date_id=date_id, membership=membership, defaults={"answer": answer}
        )
        changed += 1
    after = _answered(stored, membership)
    if changed or after != before:
        record_change(
            actor=membership.user,
            item=stored,
            action=ChangeRecord.Action.UPDATED,
            changes={f"Antworten von {membership}": [before, after]},
            ballot=True,
        )
    return changed


def _answered(poll: SchedulePoll, membership) -> str | None:
    """How many of the poll's dates the member has answered, for the poll's history."""
    count = Availability.objects.filter(date__poll=poll, membership=membership).count()
    return f"{count} von {poll.dates.count()} Terminen" if count else None


@transaction.atomic
def poll_close(*, actor, poll: SchedulePoll, date: ProposedDate | None = None, meeting=None):
    """Close the poll; with a chosen date, create the meeting from it (``meeting`` holds the
    remaining fields: format, place, link, …)."""
    locked = SchedulePoll.objects.select_for_update().get(pk=poll.pk)
    if locked.closed:
        raise MeetingError("Diese Umfrage ist schon abgeschlossen.")
    created = None
    if date is not None:
        if date.poll_id != poll.pk:
            raise MeetingError("Dieser Termin gehört nicht zu der Umfrage.", field="date")
        if not ProposedDate.objects.filter(pk=date.pk).exists():  # removed since it was chosen
            raise MeetingError(
                "Diesen Termin hat eben jemand aus der Umfrage entfernt. Wählt einen anderen.",
                field="date",
            )
        if date.starts_at < timezone.now():
            raise MeetingError(
                "Dieser Termin ist schon vorbei. Wählt einen Termin, der noch kommt, oder "
                "schließt die Umfrage ohne Treffen und schlagt neue Termine vor.",
                field="date",
            )
        created = meeting_create(
            actor=actor,
            coproduction=poll.coproduction,
            owner_side=poll.owner_side,
            starts_at=date.starts_at,
            ends_at=date.ends_at,
            poll=poll,
            **{"title": poll.title, "visibility": poll.visibility, **(meeting or {})},
        )
    locked.closed = True
    save_versioned(locked, expected_version=locked.version, fields=["closed"])
    record_change(
        actor=actor,
        item=locked,
        action=ChangeRecord.Action.UPDATED,
        changes={"closed": [False, True]},
    )
    poll.closed, poll.version = True, locked.version
    return created


@transaction.atomic
def poll_delete(*, actor, poll: SchedulePoll, expected_version: int | None) -> None:
    """Delete a poll with its dates and answers. A meeting made from it stays (its link to the
    poll is set to null): the meeting is what the members agreed on."""
    delete_recorded(actor, poll, expected_version)
