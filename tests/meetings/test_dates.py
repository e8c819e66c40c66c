"""Dates that have passed (issue 9 §6): a poll asks only about coming dates, a passed date is
never the best one nor turned into a meeting, and a meeting in the past is recorded only
after a confirmation. A meeting with approved minutes is a record: no edit form, no change."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import polls, selectors, services
from meetings.models import Meeting, Minutes, ProposedDate, SchedulePoll
from meetings.services import MeetingError
from tests.goals.conftest import login
from workspaces.visibility import Side, Visibility

from .helpers import at, make_meeting

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"meetings:{name}", args=[coproduction.slug, *args])


def _poll(coproduction, coordinator):
    return polls.poll_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        title="Auftakt",
        visibility=Visibility.COPRODUCTION,
        dates=[(at(4, 18), at(4, 20), ""), (at(5, 18), at(5, 20), "")],
    )


def test_a_poll_refuses_a_date_that_has_passed(coproduction, coordinator):
    poll = _poll(coproduction, coordinator)
    with pytest.raises(MeetingError, match="liegt in der Vergangenheit") as error:
        polls.date_add(
            actor=coordinator,
            poll=poll,
            starts_at=timezone.now() - timedelta(days=2000),
            ends_at=timezone.now() - timedelta(days=1999),
        )
    assert error.value.field == "starts_at"
    assert poll.dates.count() == 2


def test_the_new_poll_form_says_so_next_to_the_field_and_keeps_the_input(coproduction, coordinator):
    response = login(coordinator).post(
        url("poll_create", coproduction),
        {
            "title": "Auftakt",
            "visibility": "coproduction",
            "starts_at_1": "2020-06-04T18:00",
            "ends_at_1": "2020-06-04T20:00",
        },
        secure=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "liegt in der Vergangenheit" in html and 'value="2020-06-04T18:00"' in html
    assert not SchedulePoll.objects.exists()


def test_a_passed_date_is_never_the_best_nor_made_into_a_meeting(coproduction, coordinator):
    poll = _poll(coproduction, coordinator)
    passed = poll.dates.order_by("starts_at").first()
    # Everybody could have come, but the date has passed since.
    ProposedDate.objects.filter(pk=passed.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3)
    )
    polls.availability_set(
        membership=coordinator.memberships.get(), poll=poll, answers={passed.pk: "yes"}
    )
    results = selectors.poll_results(poll)
    assert results[-1].date.pk == passed.pk and results[-1].past
    assert selectors.best_date(results).date.pk != passed.pk

    passed.refresh_from_db()
    with pytest.raises(MeetingError, match="schon vorbei"):
        polls.poll_close(
            actor=coordinator,
            poll=poll,
            date=passed,
            meeting={"format": "online", "link": "https://x.example"},
        )
    assert not Meeting.objects.exists()
    page = login(coordinator).get(url("poll", coproduction, poll.pk), secure=True)
    assert "schon vorbei" in page.content.decode()


def test_a_meeting_in_the_past_is_recorded_only_after_a_confirmation(coproduction, coordinator):
    client = login(coordinator)
    data = {
        "title": "Auftakt",
        "starts_at": "2020-06-04T18:00",
        "ends_at": "2020-06-04T20:00",
        "format": "in_person",
        "place": "Rathaus",
        "informal_minutes": "15",
        "visibility": "coproduction",
    }
    response = client.post(url("create", coproduction), data, secure=True)
    html = response.content.decode()
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert "Tragt ihr ein Treffen nach" in html
    assert 'type="checkbox" name="past_confirmed"' in html
    assert 'value="Auftakt"' in html  # input kept

    response = client.post(
        url("create", coproduction), {**data, "past_confirmed": "on"}, secure=True
    )
    assert response.status_code == 302
    assert Meeting.objects.get().starts_at.year == 2020


def test_a_coming_meeting_asks_nothing(coproduction, coordinator):
    html = login(coordinator).get(url("create", coproduction), secure=True).content.decode()
    assert 'type="hidden" name="past_confirmed"' in html


def test_a_meeting_with_approved_minutes_has_no_edit_form_and_refuses_changes(
    coproduction, coordinator
):
    meeting = make_meeting(coproduction, coordinator)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2)
    )
    meeting.refresh_from_db()
    services.minutes_update(
        actor=coordinator,
        minutes=meeting.minutes,
        expected_version=1,
        text="Alles besprochen.",
        attendees=[coordinator.memberships.get()],
    )
    services.minutes_approve(actor=coordinator, minutes=meeting.minutes, expected_version=2)
    client = login(coordinator)

    html = client.get(url("meeting", coproduction, meeting.pk), secure=True).content.decode()
    assert 'id="bearbeiten"' not in html and "<form" not in html.split('id="inhalt"')[1].split(
        "<footer"
    )[0].replace('class="inline-form"', "")
    response = client.post(
        url("meeting", coproduction, meeting.pk), {"title": "Neu", "version": "1"}, secure=True
    )
    assert response.status_code == 403
    with pytest.raises(MeetingError, match="Protokoll dieses Treffens ist genehmigt"):
        services.meeting_update(
            actor=coordinator, meeting=meeting, expected_version=meeting.version, title="Neu"
        )
    assert Meeting.objects.get(pk=meeting.pk).title == "Plenum"
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.APPROVED


def test_an_open_meeting_page_shows_the_meeting_and_opens_the_form_on_request(
    coproduction, coordinator
):
    meeting = make_meeting(coproduction, coordinator)
    html = login(coordinator).get(url("meeting", coproduction, meeting.pk), secure=True)
    html = html.content.decode()
    assert '<details class="edit-section">' in html  # closed until asked for
    assert "<summary" in html and "Bearbeiten</summary>" in html
