"""The history shows dates and times the German way, in local time — not as stored (ISO)."""

from datetime import timedelta

from history.services import history_for
from meetings import services
from tests.goals.conftest import coordinator, coproduction  # noqa: F401 - fixtures
from tests.meetings.helpers import at, make_meeting


def test_a_moved_meeting_reads_in_local_time(coproduction, coordinator):  # noqa: F811
    meeting = make_meeting(coproduction, coordinator, starts_at=at(4, 18))
    services.meeting_update(
        actor=coordinator,
        meeting=meeting,
        expected_version=meeting.version,
        starts_at=at(5, 17),
        ends_at=at(5, 17) + timedelta(hours=2),
    )
    rows = dict(
        (label, (before, after))
        for label, before, after in history_for(meeting)[0].readable_changes()
    )
    assert rows["Beginn"] == ("04.06.2030 18:00", "05.06.2030 17:00")
