"""Two people removing the same agenda point at once: the meeting's row is locked, the point
read again under the lock, so it is removed and recorded once — the history does not say it
went twice (runs on SQLite and, in CI, on PostgreSQL)."""

import threading

import pytest
from django.db import connection

from history.services import history_for
from meetings import services
from meetings.models import AgendaItem

from .helpers import make_meeting

PEOPLE = 4


def _removals(meeting) -> list:
    return [c for c in history_for(meeting) if c.changes.get("agenda", [None, ""])[1] is None]


@pytest.mark.django_db
def test_removing_a_point_already_gone_records_nothing(coproduction, coordinator):
    meeting = make_meeting(coproduction, coordinator)
    point = services.agenda_item_add(actor=coordinator, meeting=meeting, title="Haushalt")
    services.agenda_item_add(actor=coordinator, meeting=meeting, title="Termine")
    services.agenda_item_remove(actor=coordinator, item=point)
    services.agenda_item_remove(actor=coordinator, item=point)  # as shown before the first
    assert len(_removals(meeting)) == 1
    assert list(meeting.agenda.values_list("title", "position")) == [("Termine", 1)]


@pytest.mark.django_db(transaction=True)
def test_people_removing_the_same_point_at_once_record_it_once(coproduction, coordinator):
    meeting = make_meeting(coproduction, coordinator)
    for title in ["Begrüßung", "Haushalt", "Sonstiges"]:
        services.agenda_item_add(actor=coordinator, meeting=meeting, title=title)
    point = AgendaItem.objects.get(meeting=meeting, title="Haushalt")
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def remove():
        try:
            shown = AgendaItem.objects.get(pk=point.pk)  # each person's page showed it
            barrier.wait()
            services.agenda_item_remove(actor=coordinator, item=shown)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=remove) for _ in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(_removals(meeting)) == 1
    agenda = list(meeting.agenda.order_by("position").values_list("title", "position"))
    assert agenda == [("Begrüßung", 1), ("Sonstiges", 2)]
