"""Helpers of the meeting tests: times in Berlin and meetings made through the service."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from meetings import services
from workspaces.visibility import Visibility

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, month: int = 6) -> datetime:
    """A time in Berlin, June 2030 (1 June 2030 is a Saturday)."""
    return datetime(2030, month, day, hour, tzinfo=BERLIN)


def make_meeting(coproduction, actor, *, side="", visibility=Visibility.COPRODUCTION, **fields):
    starts_at = fields.pop("starts_at", at(4, 18))
    values = {
        "title": "Plenum",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "format": "in_person",
        "place": "Rathaus, Raum 101",
        **fields,
    }
    return services.meeting_create(
        actor=actor, coproduction=coproduction, owner_side=side, visibility=visibility, **values
    )
