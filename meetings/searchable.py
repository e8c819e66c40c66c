"""Meetings with their agenda and minutes in the Werkstatt search."""

from meetings.models import AgendaItem, Meeting, Minutes
from workspaces.searchable import Searchable


def _text(meeting) -> list[str]:
    minutes = Minutes.objects.filter(meeting=meeting).values_list("text", flat=True).first()
    return [meeting.place, *(item.title for item in meeting.agenda.all()), minutes or ""]


SEARCHABLE = [
    Searchable(
        model=Meeting,
        kind="Treffen",
        url_name="meetings:meeting",
        title=lambda m: m.title,
        text=_text,
        date=lambda m: m.starts_at,
        parts={AgendaItem: lambda a: a.meeting_id, Minutes: lambda m: m.meeting_id},
    ),
]
