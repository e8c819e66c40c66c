import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from conflicts.models import Conflict
from meetings import polls, selectors, services
from meetings.models import Availability, Meeting, Minutes, ProposedDate
from structures.models import Body
from tests.factories import add_member, make_user
from workspaces.concurrency import StaleEdit
from workspaces.models import Membership
from workspaces.visibility import Side, Visibility

from .helpers import at, make_meeting

pytestmark = pytest.mark.django_db


# Polls --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "slot"),
    [
        (at(4, 10), ProposedDate.Slot.WORKING_HOURS),  # Tuesday morning
        (at(4, 18), ProposedDate.Slot.EVENING),
        (at(1, 11), ProposedDate.Slot.WEEKEND),  # Saturday
        (at(2, 19), ProposedDate.Slot.WEEKEND),  # Sunday evening is still the weekend
    ],
)
def test_the_slot_of_a_date_is_derived_from_weekday_and_time(when, slot):
    assert polls.default_slot(when) == slot


def test_a_chosen_slot_overrides_the_derived_one(coproduction, coordinator):
    poll = polls.poll_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        title="Klausur",
        visibility=Visibility.COPRODUCTION,
        dates=[(at(4, 16), at(4, 19), ProposedDate.Slot.EVENING), (at(5, 9), at(5, 11), "")],
    )
    assert [d.slot for d in poll.dates.all()] == ["evening", "working_hours"]
    assert poll.owner_side == ""  # visible to all members: a joint poll


def _poll(coproduction, coordinator, *dates):
    return polls.poll_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        title="Auftakt",
        visibility=Visibility.COPRODUCTION,
        dates=[(d, d + timedelta(hours=2), "") for d in dates],
    )


def _answer(membership, poll, **by_hour):
    answers = {d.pk: by_hour[f"h{timezone.localtime(d.starts_at).hour}"] for d in poll.dates.all()}
    polls.availability_set(membership=membership, poll=poll, answers=answers)


def test_results_put_the_best_date_first_and_warn_when_volunteers_are_left_out(
    coproduction, coordinator, admin_member, civil_member
):
    Membership.objects.filter(pk=civil_member.pk).update(employment="volunteer")
    poll = _poll(coproduction, coordinator, at(4, 10), at(4, 18))
    coordinator_membership = coordinator.memberships.get()
    _answer(coordinator_membership, poll, h10="yes", h18="yes")
    _answer(admin_member, poll, h10="yes", h18="if_need_be")
    _answer(civil_member, poll, h10="no", h18="yes")

    best, other = selectors.poll_results(poll)
    assert timezone.localtime(best.date.starts_at).hour == 18
    assert best.can_come == 3 and not best.volunteers_out
    assert other.date.slot == ProposedDate.Slot.WORKING_HOURS
    assert [m.pk for m in other.volunteers_out] == [civil_member.pk]
    assert [m.pk for m in other.no] == [civil_member.pk]


def test_a_volunteer_who_did_not_answer_counts_as_left_out(coproduction, coordinator, civil_member):
    Membership.objects.filter(pk=civil_member.pk).update(employment="volunteer")
    poll = _poll(coproduction, coordinator, at(4, 10))
    (result,) = selectors.poll_results(poll)
    assert [m.pk for m in result.silent] == [coordinator.memberships.get().pk, civil_member.pk]
    assert [m.pk for m in result.volunteers_out] == [civil_member.pk]


def test_answering_again_replaces_the_earlier_answer(coproduction, coordinator, civil_member):
    poll = _poll(coproduction, coordinator, at(4, 18))
    _answer(civil_member, poll, h18="no")
    _answer(civil_member, poll, h18="if_need_be")
    assert list(Availability.objects.values_list("answer", flat=True)) == ["if_need_be"]


def test_a_side_only_poll_asks_only_that_side(coproduction, coordinator, civil_member):
    poll = polls.poll_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        title="Amtsintern",
        visibility=Visibility.SIDE,
        dates=[(at(4, 10), at(4, 11), "")],
    )
    assert poll.owner_side == Side.ADMINISTRATION
    (result,) = selectors.poll_results(poll)
    assert civil_member not in result.silent


def test_closing_a_poll_creates_the_meeting_from_the_chosen_date(coproduction, coordinator):
    poll = _poll(coproduction, coordinator, at(4, 10), at(4, 18))
    chosen = poll.dates.last()
    meeting = polls.poll_close(
        actor=coordinator,
        poll=poll,
        date=chosen,
        meeting={"format": "online", "link": "https://x.example/r"},
    )
    assert meeting.starts_at == chosen.starts_at and meeting.poll == poll
    assert meeting.title == "Auftakt" and meeting.minutes.status == Minutes.Status.DRAFT
    poll.refresh_from_db()
    assert poll.closed
    with pytest.raises(services.MeetingError):
        polls.availability_set(
            membership=coordinator.memberships.get(), poll=poll, answers={chosen.pk: "yes"}
        )
    with pytest.raises(services.MeetingError):
        polls.poll_close(actor=coordinator, poll=poll)


# Meetings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "place", "link", "field"),
    [
        ("in_person", "", "", "place"),
        ("online", "Rathaus", "", "link"),
        ("hybrid", "Rathaus", "", "link"),
        ("hybrid", "", "https://x.example", "place"),
    ],
)
def test_the_format_needs_its_place_or_link(coproduction, coordinator, format, place, link, field):
    with pytest.raises(services.MeetingError) as error:
        make_meeting(coproduction, coordinator, format=format, place=place, link=link)
    assert error.value.field == field
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_reveal_a_side_only_body(coproduction, coordinator):
    body = Body.objects.create(
        coproduction=coproduction,
        name="Amtsrunde",
        kind="working_group",
        visibility=Visibility.SIDE,
        owner_side=Side.ADMINISTRATION,
    )
    with pytest.raises(services.MeetingError) as error:
        make_meeting(coproduction, coordinator, body=body)
    assert error.value.field == "body"
    meeting = make_meeting(
        coproduction, coordinator, body=body, side=Side.ADMINISTRATION, visibility="side"
    )
    assert meeting.body == body


def test_changing_time_or_place_bumps_the_calendar_sequence(meeting, coordinator):
    services.meeting_update(
        actor=coordinator, meeting=meeting, expected_version=1, informal_minutes=30
    )
    assert meeting.sequence == 0
    services.meeting_update(
        actor=coordinator, meeting=meeting, expected_version=2, starts_at=at(4, 17)
    )
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.version) == (1, 3)


# Agenda -------------------------------------------------------------------------------------


def _conflict(coproduction, **fields):
    return Conflict.objects.create(coproduction=coproduction, title="Flächenvergabe", **fields)


def test_an_open_conflict_goes_on_the_agenda(meeting, coordinator, coproduction):
    conflict = _conflict(coproduction)
    item = services.agenda_item_add(
        actor=coordinator,
        meeting=meeting,
        title="Flächenvergabe klären",
        conflict=conflict,
        may_lead_to_decision=True,
    )
    assert list(conflict.agenda_items.all()) == [item]


def test_a_resolved_or_side_only_conflict_stays_off_a_joint_agenda(
    meeting, coordinator, coproduction
):
    resolved = _conflict(coproduction, status=Conflict.Status.RESOLVED)
    private = _conflict(coproduction, visibility="side", owner_side=Side.CIVIL_SOCIETY)
    for conflict in (resolved, private):
        with pytest.raises(services.MeetingError) as error:
            services.agenda_item_add(
                actor=coordinator, meeting=meeting, title="X", conflict=conflict
            )
        assert error.value.field == "conflict"


# Minutes ------------------------------------------------------------------------------------


def _past_meeting(coproduction, coordinator):
    return make_meeting(coproduction, coordinator, starts_at=timezone.now() - timedelta(days=2))


def test_minutes_are_drafted_amended_and_then_final(coproduction, coordinator, civil_member):
    minutes = _past_meeting(coproduction, coordinator).minutes
    with pytest.raises(services.MeetingError):
        services.minutes_approve(actor=coordinator, minutes=minutes, expected_version=1)
    services.minutes_update(
        actor=coordinator,
        minutes=minutes,
        expected_version=1,
        text="Beschlossen: Auftakt im Mai.",
        attendees=[civil_member],
    )
    services.minutes_update(
        actor=civil_member.user,
        minutes=minutes,
        expected_version=2,
        text="Beschlossen: Auftakt im Mai. Ergänzt: Ort ist der Stadtteilladen.",
    )
    services.minutes_approve(actor=coordinator, minutes=minutes, expected_version=3)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED and minutes.approved_at
    with pytest.raises(services.MeetingError):
        services.minutes_update(
            actor=coordinator, minutes=minutes, expected_version=minutes.version, text="Anders"
        )
    with pytest.raises(services.MeetingError):
        services.minutes_approve(
            actor=coordinator, minutes=minutes, expected_version=minutes.version
        )
    with pytest.raises(services.MeetingError):
        services.meeting_delete(actor=coordinator, meeting=minutes.meeting, expected_version=None)
    minutes.refresh_from_db()
    assert minutes.text.endswith("Stadtteilladen.")


def test_the_second_of_two_minute_writers_is_told(meeting, coordinator):
    minutes = meeting.minutes
    services.minutes_update(actor=coordinator, minutes=minutes, expected_version=1, text="Erste")
    with pytest.raises(StaleEdit) as error:
        services.minutes_update(
            actor=coordinator,
            minutes=Minutes.objects.get(pk=minutes.pk),
            expected_version=1,
            text="Zweite",
        )
    assert error.value.current.text == "Erste"


@pytest.mark.django_db(transaction=True)
def test_of_two_people_saving_the_minutes_at_once_exactly_one_wins(coproduction, coordinator):
    minutes = make_meeting(coproduction, coordinator).minutes
    barrier = threading.Barrier(2)
    outcome, errors = [], []

    def save(text):
        try:
            barrier.wait()
            services.minutes_update(
                actor=coordinator,
                minutes=Minutes.objects.get(pk=minutes.pk),
                expected_version=1,
                text=text,
                attendees=[],
            )
            outcome.append(("saved", text))
        except StaleEdit:
            outcome.append(("told", text))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Fassung A", "Fassung B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sorted(kind for kind, _ in outcome) == ["saved", "told"]
    winner = next(text for kind, text in outcome if kind == "saved")
    minutes.refresh_from_db()
    assert (minutes.text, minutes.version) == (winner, 2)


# Calendar tokens ----------------------------------------------------------------------------


def test_renewing_the_token_replaces_it(coproduction, coordinator):
    membership = coordinator.memberships.get()
    first = services.calendar_token_renew(membership=membership).token
    second = services.calendar_token_renew(membership=membership).token
    assert first != second
    assert selectors.feed_for_coproduction(first, membership.coproduction.slug) is None


def test_a_member_who_left_has_no_feed(coproduction):
    member = add_member(coproduction, make_user())
    token = services.calendar_token_renew(membership=member).token
    Membership.objects.filter(pk=member.pk).update(left_at=timezone.now())
    assert selectors.feed_for_coproduction(token, coproduction.slug) is None


def test_a_side_meeting_with_a_side_only_conflict_cannot_be_widened(coproduction, coordinator):
    meeting = make_meeting(coproduction, coordinator, side=Side.ADMINISTRATION, visibility="side")
    private = _conflict(coproduction, visibility="side", owner_side=Side.ADMINISTRATION)
    services.agenda_item_add(actor=coordinator, meeting=meeting, title="Intern", conflict=private)
    with pytest.raises(services.MeetingError) as error:
        services.meeting_update(
            actor=coordinator, meeting=meeting, expected_version=1, visibility="coproduction"
        )
    assert error.value.field == "visibility"
