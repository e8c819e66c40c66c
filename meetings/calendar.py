"""Calendar files (RFC 5545): one event per meeting, for a single download or a feed.

Times are written in UTC, which every calendar understands without a VTIMEZONE block. The
event's UID stays for the meeting's life; SEQUENCE grows whenever its time or place changes,
so subscribed calendars replace the old entry instead of adding a second one.
"""

from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Gemeinwerk//Treffen//DE"


def _location(meeting) -> str:
    return ", ".join(part for part in (meeting.place, meeting.link) if part)


def meeting_event(meeting) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting.title)
    location = _location(meeting)
    if location:
        event.add("location", location)
    page = settings.SITE_URL + reverse(
        "meetings:meeting", args=[meeting.coproduction.slug, meeting.pk]
    )
    event.add("url", meeting.link or page)
    lines = [f"{meeting.get_format_display()} · {meeting.coproduction.name}"]
    if meeting.informal_minutes:
        lines.append(f"Zeit für informellen Austausch: {meeting.informal_minutes} Minuten")
    lines.append(f"Tagesordnung und Protokoll: {page}")
    event.add("description", "\n".join(lines))
    return event


def calendar_of(meetings, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    return calendar.to_ical()
