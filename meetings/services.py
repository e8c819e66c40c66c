"""Writes of meetings: meetings, agenda, minutes, calendar tokens (cards 26, 44, 50); the
scheduling polls that lead to a meeting are in ``meetings.polls``.

Every function owns its transaction, checks versions where items are edited and records the
change in the history. Permission (who may edit what) is checked by the views; the rules here
are those of the domain and hold for every caller.
"""

import secrets
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from history.models import ChangeRecord
from history.services import record_change
from meetings import tasks
from meetings.models import (
    AgendaItem,
    CalendarToken,
    Meeting,
    Minutes,
)
from workspaces.services import (
    WorkspaceError,
    create_recorded,
    delete_recorded,
    update_recorded,
)
from workspaces.visibility import (
    Visibility,
    link_refusal,
    linked_more_widely,
    may_link,
    owning_side,
)

BERLIN = ZoneInfo("Europe/Berlin")
MEETING_FIELDS = [
    "title",
    "body",
    "starts_at",
    "ends_at",
    "format",
    "place",
    "link",
    "informal_minutes",
    "visibility",
]
# A change of these fields is a new version of the calendar event (RFC 5545 SEQUENCE).
CALENDAR_FIELDS = ["title", "starts_at", "ends_at", "format", "place", "link"]
MINUTES_FIELDS = ["text", "status"]


class MeetingError(WorkspaceError):
    """A change the rules of meetings do not allow; ``field`` names the culprit."""


MEETING_RECORDED = (
    "Das Protokoll dieses Treffens ist genehmigt. Das Treffen bleibt als Nachweis, wie es war."
)


def check_times(starts_at, ends_at, field: str = "ends_at") -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise MeetingError("Das Ende muss nach dem Beginn liegen.", field=field)


# Meetings -----------------------------------------------------------------------------------


def check_format(format: str, place: str, link: str) -> None:
    """In person needs a place, online a link, hybrid both (card 50)."""
    if format in (Meeting.Format.IN_PERSON, Meeting.Format.HYBRID) and not place.strip():
        raise MeetingError(
            "Wo trefft ihr euch? Ein Treffen in Präsenz braucht einen Ort.", field="place"
        )
    if format in (Meeting.Format.ONLINE, Meeting.Format.HYBRID) and not link.strip():
        raise MeetingError("Ein Online-Treffen braucht einen Link zum Einwählen.", field="link")


def _check_body(body, *, visibility: str, owner_side: str) -> None:
    """A meeting seen by more people than its body would reveal the body's name."""
    if not may_link(body, visibility=visibility, owner_side=owner_side):
        raise MeetingError(
            link_refusal(
                body,
                "Dieses Gremium sieht nur eine Seite. Macht das Treffen auch nur für diese Seite "
                "sichtbar oder wählt ein anderes Gremium.",
            ),
            field="body",
        )


@transaction.atomic
def meeting_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    title: str,
    starts_at,
    ends_at,
    format: str,
    place: str = "",
    link: str = "",
    informal_minutes: int = 15,
    body=None,
    visibility: str = Visibility.COPRODUCTION,
    poll=None,
) -> Meeting:
    """A meeting with its empty draft minutes. One in the past is legitimate (recorded
    afterwards); the form asks for a confirmation first."""
    owner_side = owning_side(owner_side, visibility)
    check_times(starts_at, ends_at)
    check_format(format, place, link)
    _check_body(body, visibility=visibility, owner_side=owner_side)
    meeting = create_recorded(
        actor,
        Meeting(
            coproduction=coproduction,
            owner_side=owner_side,
            visibility=visibility,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            format=format,
            place=place,
            link=link,
            informal_minutes=informal_minutes,
            body=body,
            poll=poll,
        ),
        MEETING_FIELDS,
    )
    # Every meeting has its (empty) draft minutes, so that edits of it are always versioned.
    Minutes.objects.create(meeting=meeting)
    tasks.schedule_meeting_reminder(meeting)
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, expected_version: int, **values) -> Meeting:
    """Change a meeting. Once its minutes are approved it is a record and stays as it was."""
    stored = Meeting.objects.filter(pk=meeting.pk).first()
    if stored is None:
        raise MeetingError("Dieses Treffen gibt es nicht mehr. Jemand hat es gelöscht.")
    if Minutes.objects.filter(meeting=stored, status=Minutes.Status.APPROVED).exists():
        raise MeetingError(MEETING_RECORDED)
    merged = {name: values.get(name, getattr(stored, name)) for name in MEETING_FIELDS}
    if merged["visibility"] == Visibility.SIDE and not stored.owner_side:
        raise MeetingError(
            "Ein gemeinsames Treffen gehört keiner Seite allein. Wählt „Alle Mitglieder“ oder "
            "„Öffentlich“.",
            field="visibility",
        )
    check_times(merged["starts_at"], merged["ends_at"])
    check_format(merged["format"], merged["place"], merged["link"])
    _check_body(merged["body"], visibility=merged["visibility"], owner_side=stored.owner_side)
    agenda_conflicts = [item.conflict for item in stored.agenda.select_related("conflict")]
    if not all(
        may_link(conflict, visibility=merged["visibility"], owner_side=stored.owner_side)
        for conflict in agenda_conflicts
    ):
        raise MeetingError(
            "Auf der Tagesordnung steht ein Konflikt, den nur eine Seite sieht. Nehmt ihn erst "
            "von der Tagesordnung, bevor mehr Menschen das Treffen sehen.",
            field="visibility",
        )
    for rows, what in [
        (stored.decisions.all(), "Entscheidungen"),
        (stored.knowledge_items.all(), "Einträge im Wissensarchiv"),  # knowledge.links
    ]:
        if linked_more_widely(
            rows, visibility=merged["visibility"], owner_side=stored.owner_side
        ).exists():
            raise MeetingError(
                f"{what}, die mehr Menschen sehen, nennen dieses Treffen. Es kann nicht nur "
                "für eine Seite sichtbar werden.",
                field="visibility",
            )
    if any(merged[name] != getattr(stored, name) for name in CALENDAR_FIELDS):
        values["sequence"] = stored.sequence + 1
    updated = update_recorded(actor, meeting, MEETING_FIELDS, expected_version, values)
    if updated.starts_at != stored.starts_at:
        tasks.schedule_meeting_reminder(updated)
    return updated


@transaction.atomic
def meeting_delete(*, actor, meeting: Meeting, expected_version: int | None) -> None:
    def check(current):
        if Minutes.objects.filter(meeting=current, status=Minutes.Status.APPROVED).exists():
            raise MeetingError(
                "Ein Treffen mit genehmigtem Protokoll bleibt als Nachweis erhalten."
            )

    delete_recorded(actor, meeting, expected_version, check=check)


# Agenda -------------------------------------------------------------------------------------


def _check_conflict(conflict, meeting: Meeting) -> None:
    """An agenda seen by more people than the conflict would reveal it; a resolved conflict
    needs no more meeting time."""
    if conflict is None:
        return
    if conflict.coproduction_id != meeting.coproduction_id:
        raise MeetingError("Diesen Konflikt gibt es hier nicht.", field="conflict")
    if conflict.status == conflict.Status.RESOLVED:
        raise MeetingError("Dieser Konflikt ist schon gelöst.", field="conflict")
    if not may_link(conflict, visibility=meeting.visibility, owner_side=meeting.owner_side):
        raise MeetingError(
            link_refusal(
                conflict,
                "Diesen Konflikt sieht nur eine Seite. Er kann nur auf die Tagesordnung eines "
                "Treffens, das ebenfalls nur diese Seite sieht.",
            ),
            field="conflict",
        )


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    meeting: Meeting,
    title: str,
    responsible=None,
    may_lead_to_decision: bool = False,
    conflict=None,
) -> AgendaItem:
    _open_agenda(meeting)
    _check_conflict(conflict, meeting)
    if responsible is not None and responsible.coproduction_id != meeting.coproduction_id:
        raise MeetingError("Diese Person ist nicht Mitglied.", field="responsible")
    last = meeting.agenda.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        responsible=responsible,
        may_lead_to_decision=may_lead_to_decision,
        conflict=conflict,
        position=(last or 0) + 1,
    )
    record_change(
        actor=actor,
        item=meeting,
        action=ChangeRecord.Action.UPDATED,
        changes={"agenda": [None, title]},
    )
    return item


@transaction.atomic
def agenda_item_remove(*, actor, item: AgendaItem) -> None:
    """Remove a point; read again under the meeting's lock, so that of two people removing it
    at once only the first is recorded (the second finds it gone)."""
    meeting = _open_agenda(item.meeting)
    stored = AgendaItem.objects.filter(pk=item.pk, meeting=meeting).first()
    if stored is None:
        return
    record_change(
        actor=actor,
        item=meeting,
        action=ChangeRecord.Action.UPDATED,
        changes={"agenda": [stored.title, None]},
    )
    stored.delete()
    _renumber(list(AgendaItem.objects.filter(meeting=meeting)))


UP, DOWN = "up", "down"


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> int:
    """Swap the item with its neighbour above or below; returns its new position (1-based).

    The meeting row is locked first, so two people reordering at once take turns: each move
    applies to the order the previous one left, and positions stay 1..n without gaps or twins.
    At the top (or bottom) already, nothing changes.
    """
    if direction not in (UP, DOWN):
        raise MeetingError("Nach oben oder nach unten?")
    _open_agenda(item.meeting)
    items = list(AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("position", "id"))
    index = next((n for n, point in enumerate(items) if point.pk == item.pk), None)
    if index is None:
        raise MeetingError("Diesen Punkt gibt es nicht mehr. Jemand hat ihn entfernt.")
    target = index - 1 if direction == UP else index + 1
    if not 0 <= target < len(items):
        return index + 1
    items[index], items[target] = items[target], items[index]
    _renumber(items)
    record_change(
        actor=actor,
        item=item.meeting,
        action=ChangeRecord.Action.UPDATED,
        changes={"agenda": [f"{index + 1}. {item.title}", f"{target + 1}. {item.title}"]},
    )
    return target + 1


def _renumber(items: list[AgendaItem]) -> None:
    """Positions 1..n in the given order; only rows whose position changes are written."""
    changed = []
    for number, point in enumerate(items, start=1):
        if point.position != number:
            point.position = number
            changed.append(point)
    AgendaItem.objects.bulk_update(changed, ["position"])


def _open_agenda(meeting: Meeting) -> Meeting:
    """Lock the meeting for this agenda change; once the minutes are approved, the agenda is
    part of the record of what was discussed and stays as it is."""
    locked = Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if locked is None:
        raise MeetingError("Dieses Treffen gibt es nicht mehr. Jemand hat es gelöscht.")
    if Minutes.objects.filter(meeting_id=meeting.pk, status=Minutes.Status.APPROVED).exists():
        raise MeetingError(AGENDA_FROZEN)
    return locked


AGENDA_FROZEN = (
    "Das Protokoll ist genehmigt. Die Tagesordnung gehört jetzt zum Nachweis des Treffens und "
    "bleibt, wie sie ist."
)


# Minutes ------------------------------------------------------------------------------------


def _attendee_names(minutes: Minutes) -> list[str]:
    return sorted(str(m) for m in minutes.attendees.select_related("user"))


def _refuse_if_approved(minutes: Minutes) -> Minutes:
    stored = Minutes.objects.select_for_update().filter(pk=minutes.pk).first()
    if stored is None:
        raise MeetingError("Dieses Protokoll gibt es nicht mehr.")
    if stored.status == Minutes.Status.APPROVED:
        raise MeetingError(
            "Das Protokoll ist genehmigt und damit endgültig. Es bleibt, wie es ist."
        )
    return stored


@transaction.atomic
def minutes_update(
    *, actor, minutes: Minutes, expected_version: int, text: str, attendees=None
) -> Minutes:
    """Draft or amend the minutes; the second of two simultaneous writers gets StaleEdit."""
    _refuse_if_approved(minutes)
    m2m = None
    if attendees is not None:
        attendees = list(attendees)
        if any(m.coproduction_id != minutes.meeting.coproduction_id for m in attendees):
            raise MeetingError("Anwesend sein können nur Mitglieder.", field="attendees")
        m2m = ("attendees", _attendee_names, lambda item: item.attendees.set(attendees))
    return update_recorded(
        actor, minutes, MINUTES_FIELDS, expected_version, {"text": text}, m2m=m2m
    )


@transaction.atomic
def minutes_approve(*, actor, minutes: Minutes, expected_version: int) -> Minutes:
    """Approved minutes are final: no service changes them afterwards."""
    stored = _refuse_if_approved(minutes)
    if not stored.text.strip():
        raise MeetingError("Ein leeres Protokoll kann nicht genehmigt werden.")
    if not stored.attendees.exists():
        raise MeetingError("Tragt zuerst ein, wer anwesend war.", field="attendees")
    if stored.meeting.starts_at > timezone.now():
        raise MeetingError("Das Treffen hat noch nicht stattgefunden.")
    return update_recorded(
        actor,
        minutes,
        MINUTES_FIELDS,
        expected_version,
        {"status": Minutes.Status.APPROVED, "approved_at": timezone.now()},
    )


# Calendar -----------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_renew(*, membership) -> CalendarToken:
    """Create the member's feed token, or replace it: the old feed URL stops working."""
    token, created = CalendarToken.objects.get_or_create(membership=membership)
    if not created:
        token.token = secrets.token_urlsafe()
        token.save(update_fields=["token"])
    return token
