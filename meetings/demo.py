"""Demo meetings of the food strategy: an open poll, a past plenary with approved minutes, an
upcoming one with agenda, and one internal meeting per side. Written through the services."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from meetings import polls, services
from meetings.services import BERLIN


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=BERLIN)


def _weekday(days: int, weekday: int) -> int:
    """The offset of the first given weekday (0 = Monday) at least ``days`` days ahead."""
    day = timezone.localdate() + timedelta(days=days)
    return days + (weekday - day.weekday()) % 7


def add_demo(coproduction, members: dict) -> None:
    ini, amt, mod = members["initiative"], members["verwaltung"], members["moderation"]
    c = {"coproduction": coproduction}

    # The poll: one date in working hours that the volunteer cannot make (card 26).
    poll = polls.poll_create(
        actor=mod.user,
        **c,
        owner_side=mod.partner.side,
        title="Zweites Plenum: Leitbild",
        visibility="coproduction",
        dates=[
            (_at(_weekday(14, 1), 10), _at(_weekday(14, 1), 12), ""),
            (_at(_weekday(14, 2), 18), _at(_weekday(14, 2), 20), ""),
            (_at(_weekday(14, 5), 11), _at(_weekday(14, 5), 13), ""),
        ],
    )
    morning, evening, weekend = poll.dates.all()
    answers = {
        ini: {morning.pk: "no", evening.pk: "yes", weekend.pk: "if_need_be"},
        amt: {morning.pk: "yes", evening.pk: "if_need_be", weekend.pk: "no"},
        mod: {morning.pk: "yes", evening.pk: "yes"},
    }
    for membership, chosen in answers.items():
        polls.availability_set(membership=membership, poll=poll, answers=chosen)

    # A past plenary with approved minutes.
    past = services.meeting_create(
        actor=mod.user,
        **c,
        owner_side="",
        title="Auftakt-Plenum",
        starts_at=_at(-21, 18),
        ends_at=_at(-21, 20),
        format="in_person",
        place="Stadtteilzentrum Nord, großer Saal",
        informal_minutes=30,
        # Public with its approved minutes: the public page shows a meeting held (card 52).
        visibility="public",
    )
    services.agenda_item_add(actor=mod.user, meeting=past, title="Kennenlernen", responsible=mod)
    services.agenda_item_add(
        actor=mod.user,
        meeting=past,
        title="Wie entscheiden wir gemeinsam?",
        responsible=ini,
        may_lead_to_decision=True,
    )
    minutes = services.minutes_update(
        actor=mod.user,
        minutes=past.minutes,
        expected_version=1,
        text="Vorstellungsrunde aller Partner:innen. Vereinbart: Plenum alle sechs Wochen, "
        "abends, abwechselnd in Präsenz und online.",
        attendees=[ini, amt, mod],
    )
    minutes = services.minutes_update(
        actor=ini.user,
        minutes=minutes,
        expected_version=minutes.version,
        text=minutes.text + " Ergänzt: Die Einladung kommt zwei Wochen vorher.",
    )
    services.minutes_approve(actor=mod.user, minutes=minutes, expected_version=minutes.version)

    # An upcoming hybrid meeting with agenda.
    upcoming = services.meeting_create(
        actor=amt.user,
        **c,
        owner_side="",
        title="Arbeitstreffen Beschaffung",
        starts_at=_at(_weekday(7, 3), 17),
        ends_at=_at(_weekday(7, 3), 19),
        format="hybrid",
        place="Umweltamt, Raum 2.14",
        link="https://meet.demo.example/beschaffung",
        visibility="coproduction",
    )
    services.agenda_item_add(
        actor=amt.user, meeting=upcoming, title="Regionale Produkte in Kantinen", responsible=amt
    )
    services.agenda_item_add(
        actor=amt.user,
        meeting=upcoming,
        title="Kriterien für die Ausschreibung",
        responsible=ini,
        may_lead_to_decision=True,
    )

    # One internal meeting per side: the other side never sees them.
    services.meeting_create(
        actor=ini.user,
        **c,
        owner_side=ini.partner.side,
        title="Vorbereitung der Initiative: unsere roten Linien",
        starts_at=_at(_weekday(5, 0), 19),
        ends_at=_at(_weekday(5, 0), 21),
        format="online",
        link="https://meet.demo.example/ernaehrungsrat-intern",
        visibility="side",
    )
    services.meeting_create(
        actor=amt.user,
        **c,
        owner_side=amt.partner.side,
        title="Amtsinterne Abstimmung zum Haushaltsrahmen",
        starts_at=_at(_weekday(5, 1), 9),
        ends_at=_at(_weekday(5, 1), 10),
        format="in_person",
        place="Umweltamt, Raum 3.02",
        visibility="side",
    )


def add_large(coproduction, *, count: int) -> None:
    """Monthly plenaries for measuring, through the services: ``count`` of them, all but the
    last two in the past (where the large demo's decisions taken in a meeting were taken)."""
    actor = coproduction.memberships.filter(access="coordination").order_by("pk").first().user
    for n in range(count):
        days = 30 * (n - count + 2)
        services.meeting_create(
            actor=actor,
            coproduction=coproduction,
            owner_side="",
            title=f"Plenum {n + 1}",
            starts_at=_at(days, 18),
            ends_at=_at(days, 20),
            format="in_person",
            place="Nachbarschaftshaus, Saal 2",
        )
