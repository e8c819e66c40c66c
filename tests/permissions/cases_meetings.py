"""Permission cases of meetings: polls, meetings, agenda, minutes and calendar feeds.

The world's civil-society side owns a side-only poll and a side-only meeting (an internal
preparation): the other side must meet 404 there. Feeds work without a session, by token.
"""

from datetime import timedelta

from django.utils import timezone

from meetings import polls, services
from meetings.models import CalendarToken

from .cases import (
    MEMBERS,
    OWN_SIDE,
    POST_MEMBERS,
    POST_OWN_SIDE,
    PUBLIC,
    Case,
    expect,
    item,
    slug,
)

NOT_FOUND = expect(404, 404, 404, 404, 404)


def _agenda_args(w):
    return [w.coproduction.slug, w.side_meeting.pk, w.agenda_item.pk]


def _date_args(w):
    return [w.coproduction.slug, w.side_poll.pk, w.poll_date.pk]


def _token(w):
    return [w.coproduction.slug, w.calendar_token.token]


def _wrong_token(w):
    return [w.coproduction.slug, "kein-gueltiger-schluessel"]


CASES = {
    "meetings:list": Case(MEMBERS, slug),
    "meetings:create": Case(MEMBERS, slug),
    "meetings:meeting": Case(OWN_SIDE, item("side_meeting")),
    "meetings:meeting_delete": Case(OWN_SIDE, item("side_meeting")),
    "meetings:meeting_ics": Case(OWN_SIDE, item("side_meeting")),
    "meetings:agenda_docx": Case(OWN_SIDE, item("side_meeting")),
    "meetings:minutes_docx": Case(OWN_SIDE, item("side_meeting")),
    "meetings:agenda_create": Case(OWN_SIDE, item("side_meeting")),
    "meetings:agenda_delete": Case(POST_OWN_SIDE, _agenda_args, "post"),
    "meetings:agenda_move": Case(
        POST_OWN_SIDE, _agenda_args, "post", lambda w: {"direction": "down"}
    ),
    "meetings:minutes": Case(OWN_SIDE, item("side_meeting")),
    "meetings:minutes_approve": Case(
        POST_OWN_SIDE, item("side_meeting"), "post", lambda w: {"version": 1}
    ),
    "meetings:poll_create": Case(MEMBERS, slug),
    "meetings:poll": Case(OWN_SIDE, item("side_poll")),
    "meetings:poll_answer": Case(
        POST_OWN_SIDE, item("side_poll"), "post", lambda w: {f"date_{w.poll_date.pk}": "yes"}
    ),
    "meetings:poll_edit": Case(OWN_SIDE, item("side_poll")),
    "meetings:poll_delete": Case(OWN_SIDE, item("side_poll")),
    "meetings:date_create": Case(OWN_SIDE, item("side_poll")),
    "meetings:date_delete": Case(OWN_SIDE, _date_args),
    "meetings:poll_close": Case(OWN_SIDE, item("side_poll")),
    "meetings:calendar": Case(MEMBERS, slug),
    "meetings:calendar_renew": Case(POST_MEMBERS, slug, "post"),
    # The token replaces the session: calendar programs fetch without logging in.
    "meetings:feed": Case(PUBLIC, _token),
    "meetings:personal_feed": Case(PUBLIC, _token),
}
MORE_CASES = {
    "meetings:meeting": Case(MEMBERS, item("joint_meeting")),
    "meetings:minutes": Case(MEMBERS, item("joint_meeting")),
    "meetings:poll": Case(MEMBERS, item("joint_poll")),
    # A joint poll (nobody's side): every editor of either side changes it.
    "meetings:poll_edit": Case(MEMBERS, item("joint_poll")),
    "meetings:poll_delete": Case(POST_MEMBERS, item("joint_poll"), "post"),
    "meetings:date_delete": Case(
        POST_MEMBERS,
        lambda w: [w.coproduction.slug, w.joint_poll.pk, w.joint_poll.dates.get().pk],
        "post",
    ),
    # A joint meeting belongs to no side: editors of either side reorder its agenda.
    "meetings:agenda_move": Case(
        POST_MEMBERS,
        lambda w: [w.coproduction.slug, w.joint_meeting.pk, w.joint_agenda_item.pk],
        "post",
        lambda w: {"direction": "up"},
    ),
    "meetings:feed": Case(NOT_FOUND, _wrong_token),
    "meetings:personal_feed": Case(NOT_FOUND, _wrong_token),
}


def populate(w):
    coordinator = w.users["coordinator"]
    c = dict(actor=coordinator, coproduction=w.coproduction)
    start = timezone.now() + timedelta(days=7)
    w.side_poll = polls.poll_create(
        **c,
        owner_side="civil_society",
        title="Interne Vorbesprechung",
        visibility="side",
        dates=[(start, start + timedelta(hours=2), "")],
    )
    w.poll_date = w.side_poll.dates.get()
    w.joint_poll = polls.poll_create(
        **c,
        owner_side="civil_society",
        title="Plenum im Frühjahr",
        visibility="coproduction",
        dates=[(start, start + timedelta(hours=2), "")],
    )
    w.side_meeting = services.meeting_create(
        **c,
        owner_side="civil_society",
        title="Vorbereitung unter uns",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="in_person",
        place="Stadtteilladen",
        visibility="side",
    )
    w.agenda_item = services.agenda_item_add(
        actor=coordinator, meeting=w.side_meeting, title="Unsere Linie"
    )
    w.joint_meeting = services.meeting_create(
        **c,
        owner_side="civil_society",
        title="Plenum",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="online",
        link="https://treffen.example/plenum",
    )
    services.agenda_item_add(actor=coordinator, meeting=w.joint_meeting, title="Begrüßung")
    w.joint_agenda_item = services.agenda_item_add(
        actor=coordinator, meeting=w.joint_meeting, title="Haushalt"
    )
    w.calendar_token = CalendarToken.objects.create(membership=coordinator.memberships.get())
