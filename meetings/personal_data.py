"""What meetings store about a person: answers to scheduling polls, agenda items they are
responsible for, minutes that name them present, their calendar link (for the data page,
``accounts.sections``)."""

from accounts.sections import Section
from meetings.models import AgendaItem, Availability, CalendarToken, Minutes


def availabilities(user, memberships):
    rows = (
        Availability.objects.filter(membership_id__in=memberships.ids)
        .select_related("date__poll")
        .order_by("-date__starts_at", "pk")
    )
    for answer in rows:
        poll = answer.date.poll
        yield (
            memberships.coproduction(poll.coproduction_id),
            memberships.name(poll),
            answer.date.starts_at,
            answer.get_answer_display(),
        )


def agenda_items(user, memberships):
    rows = (
        AgendaItem.objects.filter(responsible_id__in=memberships.ids)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "position", "pk")
    )
    for item in rows:
        meeting = item.meeting
        yield (
            memberships.coproduction(meeting.coproduction_id),
            memberships.name(meeting),
            memberships.name(meeting, item.title),
            meeting.starts_at,
        )


def attended(user, memberships):
    rows = (
        Minutes.attendees.through.objects.filter(membership_id__in=memberships.ids)
        .select_related("minutes__meeting")
        .order_by("-minutes__meeting__starts_at", "pk")
    )
    for row in rows:
        meeting = row.minutes.meeting
        yield (
            memberships.coproduction(meeting.coproduction_id),
            memberships.name(meeting),
            meeting.starts_at,
        )


def calendar_links(user, memberships):
    rows = CalendarToken.objects.filter(membership_id__in=memberships.ids).values_list(
        "membership__coproduction_id", flat=True
    )
    for coproduction_id in rows:
        yield (memberships.coproduction(coproduction_id), "eingerichtet")


SECTIONS = [
    Section(
        key="meetings.availabilities",
        title="Eure Antworten in Terminumfragen",
        columns=("Ko-Produktion", "Terminumfrage", "Vorgeschlagener Termin", "Eure Antwort"),
        rows=availabilities,
    ),
    Section(
        key="meetings.agenda_items",
        title="Tagesordnungspunkte, für die ihr verantwortlich seid",
        columns=("Ko-Produktion", "Treffen", "Punkt", "Beginn des Treffens"),
        rows=agenda_items,
    ),
    Section(
        key="meetings.attended",
        title="Treffen, bei denen euch das Protokoll als anwesend nennt",
        columns=("Ko-Produktion", "Treffen", "Beginn"),
        rows=attended,
    ),
    Section(
        key="meetings.calendar_links",
        title="Persönliche Kalender-Links",
        columns=("Ko-Produktion", "Kalender-Link"),
        rows=calendar_links,
        note="Die geheime Adresse selbst steht hier nicht: Wer sie kennt, sieht eure Termine. "
        "Ihr findet sie unter „Treffen“, „Kalender abonnieren“; wenn ihr geht, gilt sie nicht "
        "mehr.",
    ),
]
