"""Changing a poll after it was created, deleting it, and reordering the agenda (issue 4)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conflicts.models import Conflict
from history.services import history_for
from meetings import polls, services
from meetings.models import AgendaItem, Availability, Meeting, Minutes, ProposedDate, SchedulePoll
from tests.goals.conftest import login
from workspaces.concurrency import StaleEdit
from workspaces.visibility import Side, Visibility

from .helpers import at, make_meeting

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"meetings:{name}", args=[coproduction.slug, *args])


def _poll(coproduction, actor, *, side="", visibility=Visibility.COPRODUCTION):
    return polls.poll_create(
        actor=actor,
        coproduction=coproduction,
        owner_side=side,
        title="Auftakt",
        visibility=visibility,
        dates=[(at(4, 10), at(4, 12), ""), (at(4, 18), at(4, 20), "")],
    )


def _answer_all(poll, *memberships, answer="yes"):
    for membership in memberships:
        polls.availability_set(
            membership=membership,
            poll=poll,
            answers={d.pk: answer for d in poll.dates.all()},
        )


def _evening(poll):
    return poll.dates.get(slot=ProposedDate.Slot.EVENING)


def _titles(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).values_list("title", flat=True))


def _positions(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).values_list("position", flat=True))


# Editing a poll (services) ------------------------------------------------------------------


def test_title_and_visibility_of_a_poll_change_versioned_and_recorded(coproduction, coordinator):
    poll = _poll(coproduction, coordinator, side=Side.ADMINISTRATION, visibility="side")
    polls.poll_update(
        actor=coordinator,
        poll=poll,
        expected_version=1,
        title="Auftakt-Plenum",
        visibility=Visibility.COPRODUCTION,
    )
    stored = SchedulePoll.objects.get(pk=poll.pk)
    assert (stored.title, stored.visibility, stored.version) == (
        "Auftakt-Plenum",
        "coproduction",
        2,
    )
    labels = [row[0] for row in history_for(stored)[0].readable_changes()]
    assert "Wofür sucht ihr einen Termin?" in labels
    with pytest.raises(StaleEdit):
        polls.poll_update(actor=coordinator, poll=stored, expected_version=1, title="Alt")


def test_a_joint_poll_cannot_become_one_sides(coproduction, coordinator):
    poll = _poll(coproduction, coordinator)
    with pytest.raises(services.MeetingError) as error:
        polls.poll_update(actor=coordinator, poll=poll, expected_version=1, visibility="side")
    assert error.value.field == "visibility"


def test_a_closed_poll_can_no_longer_be_changed(coproduction, coordinator, civil_member):
    poll = _poll(coproduction, coordinator)
    _answer_all(poll, civil_member)
    polls.poll_close(actor=coordinator, poll=poll)
    date = _evening(poll)
    attempts = [
        lambda: polls.poll_update(
            actor=coordinator, poll=poll, expected_version=poll.version, title="Neu"
        ),
        lambda: polls.date_add(
            actor=coordinator, poll=poll, starts_at=at(5, 18), ends_at=at(5, 20)
        ),
        lambda: polls.date_remove(actor=coordinator, date=date),
    ]
    for attempt in attempts:
        with pytest.raises(services.MeetingError) as error:
            attempt()
        assert str(error.value) == polls.POLL_CLOSED
    assert poll.dates.count() == 2 and Availability.objects.count() == 2


def test_removing_a_date_takes_its_answers_and_is_recorded(
    coproduction, coordinator, civil_member, admin_member
):
    poll = _poll(coproduction, coordinator)
    _answer_all(poll, civil_member, admin_member)
    evening = _evening(poll)
    assert polls.date_remove(actor=coordinator, date=evening, expected_answers=2) == 2
    assert list(poll.dates.values_list("slot", flat=True)) == ["working_hours"]
    assert Availability.objects.count() == 2  # the other date's answers stay
    label, before, after = history_for(poll)[0].readable_changes()[0]
    assert label == "Terminvorschlag" and before == str(evening) and after == "–"


def test_a_date_is_not_removed_when_more_members_answered_than_confirmed(
    coproduction, coordinator, civil_member, admin_member
):
    poll = _poll(coproduction, coordinator)
    _answer_all(poll, civil_member)
    evening = _evening(poll)
    _answer_all(poll, admin_member)  # while the coordinator looked at "1 answer will be lost"
    with pytest.raises(services.MeetingError) as error:
        polls.date_remove(actor=coordinator, date=evening, expected_answers=1)
    assert "Inzwischen haben 2 Mitglieder" in str(error.value)
    assert ProposedDate.objects.filter(pk=evening.pk).exists()


def test_a_date_added_later_is_recorded_but_the_first_ones_are_part_of_creating(
    coproduction, coordinator
):
    poll = _poll(coproduction, coordinator)
    assert len(history_for(poll)) == 1
    polls.date_add(actor=coordinator, poll=poll, starts_at=at(1, 11), ends_at=at(1, 13))
    label, before, _after = history_for(poll)[0].readable_changes()[0]
    assert label == "Terminvorschlag" and before == "–"


def test_deleting_a_poll_that_became_a_meeting_keeps_the_meeting(coproduction, coordinator):
    poll = _poll(coproduction, coordinator)
    meeting = polls.poll_close(
        actor=coordinator,
        poll=poll,
        date=_evening(poll),
        meeting={"format": "online", "link": "https://treffen.example/a"},
    )
    polls.poll_delete(actor=coordinator, poll=poll, expected_version=poll.version)
    assert not SchedulePoll.objects.exists() and not ProposedDate.objects.exists()
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.poll is None and meeting.minutes


# Reordering the agenda (services) -----------------------------------------------------------


def _agenda(meeting, actor, *titles):
    return [services.agenda_item_add(actor=actor, meeting=meeting, title=t) for t in titles]


def test_agenda_items_move_up_and_down_and_stay_numbered_one_to_n(meeting, coordinator):
    welcome, budget, other = _agenda(meeting, coordinator, "Begrüßung", "Haushalt", "Sonstiges")
    assert services.agenda_item_move(actor=coordinator, item=budget, direction="up") == 1
    assert _titles(meeting) == ["Haushalt", "Begrüßung", "Sonstiges"]
    assert services.agenda_item_move(actor=coordinator, item=welcome, direction="down") == 3
    assert _titles(meeting) == ["Haushalt", "Sonstiges", "Begrüßung"]
    assert _positions(meeting) == [1, 2, 3]
    # At the edge nothing changes.
    assert services.agenda_item_move(actor=coordinator, item=budget, direction="up") == 1
    assert services.agenda_item_move(actor=coordinator, item=welcome, direction="down") == 3
    assert _titles(meeting) == ["Haushalt", "Sonstiges", "Begrüßung"]
    label, before, after = history_for(meeting)[0].readable_changes()[0]
    assert (label, before, after) == ("Tagesordnung", "2. Begrüßung", "3. Begrüßung")
    with pytest.raises(services.MeetingError):
        services.agenda_item_move(actor=coordinator, item=other, direction="sideways")


def test_removing_an_item_closes_the_gap(meeting, coordinator):
    _first, second, _third = _agenda(meeting, coordinator, "A", "B", "C")
    services.agenda_item_remove(actor=coordinator, item=second)
    assert _titles(meeting) == ["A", "C"] and _positions(meeting) == [1, 2]


def test_once_the_minutes_are_approved_the_agenda_is_frozen(
    coproduction, coordinator, civil_member
):
    meeting = make_meeting(coproduction, coordinator, starts_at=timezone.now() - timedelta(days=1))
    first, second = _agenda(meeting, coordinator, "Haushalt", "Termine")
    services.minutes_update(
        actor=coordinator,
        minutes=meeting.minutes,
        expected_version=1,
        text="Haushalt beschlossen.",
        attendees=[civil_member],
    )
    services.minutes_approve(actor=coordinator, minutes=meeting.minutes, expected_version=2)
    attempts = [
        lambda: services.agenda_item_move(actor=coordinator, item=second, direction="up"),
        lambda: services.agenda_item_remove(actor=coordinator, item=first),
        lambda: services.agenda_item_add(actor=coordinator, meeting=meeting, title="Nachtrag"),
    ]
    for attempt in attempts:
        with pytest.raises(services.MeetingError) as error:
            attempt()
        assert str(error.value) == services.AGENDA_FROZEN
    assert _titles(meeting) == ["Haushalt", "Termine"]


@pytest.mark.django_db(transaction=True)
def test_two_people_reordering_at_once_leave_positions_one_to_n(coproduction, coordinator):
    """Each move locks the meeting, so simultaneous moves take turns; none is lost and no two
    items share a position (SQLite: IMMEDIATE transactions; PostgreSQL: SELECT … FOR UPDATE)."""
    meeting = make_meeting(coproduction, coordinator)
    items = _agenda(meeting, coordinator, "A", "B", "C", "D", "E", "F")
    jobs = [(items[5], "up"), (items[0], "down"), (items[3], "up"), (items[2], "down")] * 2
    barrier = threading.Barrier(len(jobs))
    errors = []

    def move(item, direction):
        try:
            barrier.wait()
            services.agenda_item_move(
                actor=coordinator, item=AgendaItem.objects.get(pk=item.pk), direction=direction
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=move, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert _positions(meeting) == [1, 2, 3, 4, 5, 6]
    assert sorted(_titles(meeting)) == ["A", "B", "C", "D", "E", "F"]


# Pages --------------------------------------------------------------------------------------


def test_the_poll_edit_page_changes_the_title_and_lists_dates_with_their_answers(
    coproduction, coordinator, civil_member
):
    poll = _poll(coproduction, coordinator)
    _answer_all(poll, civil_member)
    client = login(coordinator)
    edit_url = url("poll_edit", coproduction, poll.pk)
    html = client.get(edit_url, secure=True).content.decode()
    assert "1 Antwort" in html and 'class="why"' in html
    assert url("date_delete", coproduction, poll.pk, _evening(poll).pk) in html
    response = client.post(
        edit_url, {"title": "", "visibility": "coproduction", "version": "1"}, secure=True
    )
    assert response.status_code == 200 and "Dieses Feld ist zwingend erforderlich." in (
        response.content.decode()
    )
    response = client.post(
        edit_url,
        {"title": "Auftakt im Stadtteil", "visibility": "coproduction", "version": "1"},
        secure=True,
    )
    assert response["Location"] == url("poll", coproduction, poll.pk)
    poll.refresh_from_db()
    assert (poll.title, poll.visibility) == ("Auftakt im Stadtteil", "coproduction")


def test_the_second_poll_editor_is_told_and_keeps_their_input(
    coproduction, coordinator, admin_member
):
    poll = _poll(coproduction, coordinator)
    edit_url = url("poll_edit", coproduction, poll.pk)
    data = {"visibility": "coproduction", "version": "1"}
    assert login(coordinator).post(edit_url, {**data, "title": "A"}, secure=True).status_code == 302
    response = login(admin_member.user).post(edit_url, {**data, "title": "B"}, secure=True)
    html = response.content.decode()
    assert "Jemand war schneller" in html and 'value="B"' in html
    assert SchedulePoll.objects.get(pk=poll.pk).title == "A"


def test_a_closed_poll_sends_its_editors_back_with_the_reason(coproduction, coordinator):
    poll = _poll(coproduction, coordinator)
    polls.poll_close(actor=coordinator, poll=poll)
    client = login(coordinator)
    for name, args in [
        ("poll_edit", [poll.pk]),
        ("date_create", [poll.pk]),
        ("date_delete", [poll.pk, _evening(poll).pk]),
    ]:
        response = client.get(url(name, coproduction, *args), secure=True, follow=True)
        assert response.redirect_chain[-1][0].endswith(url("poll", coproduction, poll.pk))
        html = response.content.decode()
        assert polls.POLL_CLOSED in html
    assert "lassen sich nicht mehr ändern" in html  # the poll page says so too


def test_the_date_removal_asks_first_and_says_how_many_answers_are_lost(
    coproduction, coordinator, civil_member, admin_member
):
    poll = _poll(coproduction, coordinator)
    _answer_all(poll, civil_member, admin_member)
    evening = _evening(poll)
    delete_url = url("date_delete", coproduction, poll.pk, evening.pk)
    client = login(coordinator)
    html = client.get(delete_url, secure=True).content.decode()
    assert "2 Mitglieder haben zu diesem Termin schon geantwortet" in html
    assert "Diese Antworten gehen verloren" in html and 'class="why"' in html
    response = client.post(delete_url, {"answers": "2"}, secure=True)
    assert response["Location"] == url("poll_edit", coproduction, poll.pk)
    assert not ProposedDate.objects.filter(pk=evening.pk).exists()


def test_the_date_removal_shows_the_new_count_when_more_answered_meanwhile(
    coproduction, coordinator, civil_member, admin_member
):
    poll = _poll(coproduction, coordinator)
    _answer_all(poll, civil_member, admin_member)
    evening = _evening(poll)
    response = login(coordinator).post(
        url("date_delete", coproduction, poll.pk, evening.pk), {"answers": "1"}, secure=True
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Inzwischen haben 2 Mitglieder" in html
    assert 'name="answers" value="2"' in html
    assert ProposedDate.objects.filter(pk=evening.pk).exists()


def test_the_delete_page_of_a_poll_that_became_a_meeting_says_the_meeting_stays(
    coproduction, coordinator
):
    poll = _poll(coproduction, coordinator)
    meeting = polls.poll_close(
        actor=coordinator,
        poll=poll,
        date=_evening(poll),
        meeting={"format": "in_person", "place": "Rathaus"},
    )
    client = login(coordinator)
    delete_url = url("poll_delete", coproduction, poll.pk)
    html = client.get(delete_url, secure=True).content.decode()
    assert "Aus der Umfrage wurde das Treffen „Auftakt“. Es bleibt bestehen" in html
    assert 'class="why"' in html
    response = client.post(delete_url, {"version": poll.version}, secure=True)
    assert response["Location"] == url("list", coproduction)
    assert Meeting.objects.filter(pk=meeting.pk, poll=None).exists()


def test_the_delete_page_of_an_open_poll_counts_its_answers(
    coproduction, coordinator, civil_member
):
    poll = _poll(coproduction, coordinator)
    _answer_all(poll, civil_member)
    html = login(coordinator).get(url("poll_delete", coproduction, poll.pk), secure=True)
    assert "Mit ihr werden 2 Antworten gelöscht." in html.content.decode()


def test_the_agenda_has_move_buttons_named_after_their_item(coproduction, coordinator, meeting):
    welcome, budget = _agenda(meeting, coordinator, "Begrüßung", "Haushalt")
    client = login(coordinator)
    html = client.get(url("meeting", coproduction, meeting.pk), secure=True).content.decode()
    assert f'id="punkt-{budget.pk}"' in html
    assert '<span class="visually-hidden">„Haushalt“ </span>nach oben' in html
    assert '<span class="visually-hidden">„Begrüßung“ </span>nach unten' in html
    assert "„Begrüßung“ </span>nach oben" not in html  # the first item has nowhere to go up
    assert "„Haushalt“ </span>nach unten" not in html
    response = client.post(
        url("agenda_move", coproduction, meeting.pk, budget.pk), {"direction": "up"}, secure=True
    )
    assert response["Location"] == url("meeting", coproduction, meeting.pk) + (
        f"#punkt-{budget.pk}"
    )
    assert _titles(meeting) == ["Haushalt", "Begrüßung"]
    page = client.get(response["Location"], secure=True).content.decode()
    assert "„Haushalt“ steht jetzt an Stelle 1." in page


def test_a_move_of_a_removed_item_says_so(coproduction, coordinator, meeting):
    (item,) = _agenda(meeting, coordinator, "Haushalt")
    move_url = url("agenda_move", coproduction, meeting.pk, item.pk)
    item.delete()
    response = login(coordinator).post(move_url, {"direction": "up"}, secure=True, follow=True)
    assert "Diesen Punkt gibt es nicht mehr" in response.content.decode()


def test_the_frozen_agenda_offers_no_buttons_and_refuses_posts(
    coproduction, coordinator, civil_member
):
    meeting = make_meeting(coproduction, coordinator, starts_at=timezone.now() - timedelta(days=1))
    conflict = Conflict.objects.create(coproduction=coproduction, title="Flächenvergabe")
    first, second = _agenda(meeting, coordinator, "Haushalt", "Termine")
    services.minutes_update(
        actor=coordinator,
        minutes=meeting.minutes,
        expected_version=1,
        text="Haushalt beschlossen.",
        attendees=[civil_member],
    )
    services.minutes_approve(actor=coordinator, minutes=meeting.minutes, expected_version=2)
    client = login(coordinator)
    html = client.get(url("meeting", coproduction, meeting.pk), secure=True).content.decode()
    assert "bleiben, wie sie sind" in html
    assert 'id="bearbeiten"' not in html  # an approved meeting is a record: no edit form
    assert "nach oben" not in html and "Punkt ergänzen" not in html
    response = client.post(
        url("agenda_move", coproduction, meeting.pk, second.pk),
        {"direction": "up"},
        secure=True,
        follow=True,
    )
    assert services.AGENDA_FROZEN in response.content.decode()
    response = client.get(
        url("agenda_create", coproduction, meeting.pk) + f"?konflikt={conflict.pk}",
        secure=True,
        follow=True,
    )
    assert services.AGENDA_FROZEN in response.content.decode()
    assert _titles(meeting) == ["Haushalt", "Termine"]
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.APPROVED


def test_a_late_minutes_edit_after_approval_is_refused_and_the_text_kept(
    coproduction, coordinator, civil_member
):
    meeting = make_meeting(coproduction, coordinator, starts_at=timezone.now() - timedelta(days=1))
    services.minutes_update(
        actor=coordinator,
        minutes=meeting.minutes,
        expected_version=1,
        text="Ergebnisse",
        attendees=[civil_member],
    )
    services.minutes_approve(actor=coordinator, minutes=meeting.minutes, expected_version=2)
    response = login(civil_member.user).post(
        url("minutes", coproduction, meeting.pk),
        {"version": 2, "text": "Meine späte Ergänzung"},
        secure=True,
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "inzwischen genehmigt und damit endgültig" in html
    assert "Meine späte Ergänzung" in html and "<textarea" not in html
    assert Minutes.objects.get(meeting=meeting).text == "Ergebnisse"


def test_a_proposed_date_reads_in_local_time(coproduction, coordinator):
    poll = _poll(coproduction, coordinator)
    assert str(ProposedDate.objects.get(pk=_evening(poll).pk)) == "04.06.2030 18:00 (Abends)"
