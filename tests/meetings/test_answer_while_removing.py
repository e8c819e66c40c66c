"""A date removed while others act on it. A member answers meanwhile: the answer waits for
the removal (the poll's row is locked by both), then is refused with a reason — it is not
saved to a date that goes a moment later, silently, past the "N members have answered since"
check (SQLite lets one writer in at a time anyway; on PostgreSQL the answer went through
unlocked). A coordinator closes the poll with it, chosen before it went: refused, no meeting
is made for a date nobody proposes any more."""

import threading

import pytest
from django.db import connection

from meetings import polls, services
from meetings.models import Availability, Meeting, ProposedDate

from .helpers import at


def make_poll(coproduction, coordinator):
    return polls.poll_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="",
        title="Auftakt",
        visibility="coproduction",
        dates=[(at(4, 10), at(4, 12), ""), (at(4, 18), at(4, 20), "")],
    )


@pytest.mark.django_db(transaction=True)
def test_an_answer_during_a_removal_is_refused_not_lost(
    coproduction, coordinator, civil_member, monkeypatch
):
    poll = make_poll(coproduction, coordinator)
    evening = poll.dates.get(slot=ProposedDate.Slot.EVENING)
    counted, answered = threading.Event(), threading.Event()
    record = services.record_change

    def record_then_wait(**kwargs):  # the removal has counted 0 answers and goes on
        counted.set()
        answered.wait(timeout=2)
        return record(**kwargs)

    monkeypatch.setattr(services, "record_change", record_then_wait)
    outcome = {}

    def remove():
        try:
            outcome["lost"] = polls.date_remove(actor=coordinator, date=evening, expected_answers=0)
        finally:
            connection.close()

    def answer():
        try:
            counted.wait(timeout=5)
            polls.availability_set(membership=civil_member, poll=poll, answers={evening.pk: "yes"})
            outcome["answer"] = "saved"
        except services.MeetingError as error:
            outcome["answer"] = str(error)
        finally:
            answered.set()
            connection.close()

    threads = [threading.Thread(target=remove), threading.Thread(target=answer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome["lost"] == 0
    assert not ProposedDate.objects.filter(pk=evening.pk).exists()
    assert outcome["answer"] == "Diesen Terminvorschlag gibt es in der Umfrage nicht."
    assert not Availability.objects.exists()


@pytest.mark.django_db
def test_closing_with_a_date_removed_since_it_was_chosen_is_refused(coproduction, coordinator):
    poll = make_poll(coproduction, coordinator)
    chosen = poll.dates.get(slot=ProposedDate.Slot.EVENING)
    polls.date_remove(actor=coordinator, date=ProposedDate.objects.get(pk=chosen.pk))
    with pytest.raises(services.MeetingError, match="eben jemand aus der Umfrage entfernt"):
        polls.poll_close(actor=coordinator, poll=poll, date=chosen)
    poll.refresh_from_db()
    assert not poll.closed and not Meeting.objects.exists()
