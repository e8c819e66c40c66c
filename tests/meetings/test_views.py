from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conflicts.models import Conflict
from meetings import polls, services
from meetings.models import Meeting, Minutes
from tests.goals.conftest import login
from workspaces.models import Membership
from workspaces.visibility import Side

from .helpers import at, make_meeting

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"meetings:{name}", args=[coproduction.slug, *args])


def test_format_errors_are_german_and_keep_the_input(coproduction, coordinator):
    response = login(coordinator).post(
        url("create", coproduction),
        {
            "title": "Auftakt im Stadtteil",
            "starts_at": "2030-06-04T18:00",
            "ends_at": "2030-06-04T20:00",
            "format": "online",
            "place": "",
            "link": "",
            "informal_minutes": "15",
            "visibility": "coproduction",
        },
        secure=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ein Online-Treffen braucht einen Link zum Einwählen." in html
    assert 'value="Auftakt im Stadtteil"' in html
    assert 'value="2030-06-04T18:00"' in html
    assert not Meeting.objects.exists()


def test_the_format_choice_shows_the_cards_advice(coproduction, coordinator):
    html = login(coordinator).get(url("create", coproduction), secure=True).content.decode()
    assert "Strittige Themen besprecht ihr besser in Präsenz" in html


def test_an_end_before_the_start_is_refused(coproduction, coordinator):
    response = login(coordinator).post(
        url("create", coproduction),
        {
            "title": "X",
            "starts_at": "2030-06-04T18:00",
            "ends_at": "2030-06-04T17:00",
            "format": "in_person",
            "place": "Rathaus",
            "informal_minutes": "0",
            "visibility": "coproduction",
        },
        secure=True,
    )
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()


def test_a_conflict_from_the_link_is_preselected_on_the_agenda(coproduction, coordinator, meeting):
    conflict = Conflict.objects.create(coproduction=coproduction, title="Flächenvergabe")
    agenda_url = url("agenda_create", coproduction, meeting.pk)
    client = login(coordinator)
    html = client.get(f"{agenda_url}?konflikt={conflict.pk}", secure=True).content.decode()
    assert f'<option value="{conflict.pk}" selected>' in html
    response = client.post(
        agenda_url, {"conflict": conflict.pk, "title": "", "responsible": ""}, secure=True
    )
    assert response.status_code == 302
    item = meeting.agenda.get()
    assert item.conflict == conflict and item.title == "Konflikt: Flächenvergabe"


def test_the_other_sides_private_conflict_is_neither_offered_nor_preselected(
    coproduction, coordinator, meeting
):
    hidden = Conflict.objects.create(
        coproduction=coproduction,
        title="Interner Streitpunkt der Initiative",
        visibility="side",
        owner_side=Side.CIVIL_SOCIETY,
    )
    agenda_url = url("agenda_create", coproduction, meeting.pk)
    html = login(coordinator).get(f"{agenda_url}?konflikt={hidden.pk}", secure=True)
    assert "Interner Streitpunkt" not in html.content.decode()
    response = login(coordinator).post(agenda_url, {"conflict": hidden.pk}, secure=True)
    assert response.status_code == 200 and not meeting.agenda.exists()


def test_the_second_minute_writer_sees_the_saved_text_and_keeps_theirs(
    coproduction, coordinator, admin_member, meeting
):
    minutes_url = url("minutes", coproduction, meeting.pk)
    first, second = login(coordinator), login(admin_member.user)
    assert first.get(minutes_url, secure=True).status_code == 200
    data = {"version": "1", "attendees": [admin_member.pk]}
    assert first.post(minutes_url, {**data, "text": "Text von A"}, secure=True).status_code == 302
    response = second.post(minutes_url, {**data, "text": "Text von B"}, secure=True)
    html = response.content.decode()
    assert "Jemand war schneller" in html
    assert "Text von B" in html and "Text von A" in html
    assert Minutes.objects.get(pk=meeting.minutes.pk).text == "Text von A"


def test_approved_minutes_offer_no_form_and_refuse_posts(coproduction, coordinator, admin_member):
    meeting = make_meeting(coproduction, coordinator, starts_at=timezone.now() - timedelta(days=1))
    services.minutes_update(
        actor=coordinator,
        minutes=meeting.minutes,
        expected_version=1,
        text="Ergebnisse",
        attendees=[admin_member],
    )
    client = login(coordinator)
    approve = client.post(
        url("minutes_approve", coproduction, meeting.pk), {"version": 2}, secure=True
    )
    assert approve.status_code == 302
    html = client.get(url("minutes", coproduction, meeting.pk), secure=True).content.decode()
    assert "endgültig" in html and "<textarea" not in html
    response = client.post(
        url("minutes", coproduction, meeting.pk), {"version": 3, "text": "Neu"}, secure=True
    )
    assert response.status_code == 403
    assert Minutes.objects.get(meeting=meeting).text == "Ergebnisse"


def test_the_poll_page_warns_when_volunteers_are_left_out(coproduction, coordinator, civil_member):
    Membership.objects.filter(pk=civil_member.pk).update(employment="volunteer")
    poll = polls.poll_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        title="Auftakt",
        visibility="coproduction",
        dates=[(at(4, 10), at(4, 12), "")],
    )
    date = poll.dates.get()
    client = login(civil_member.user)
    response = client.post(
        url("poll_answer", coproduction, poll.pk), {f"date_{date.pk}": "no"}, secure=True
    )
    assert response.status_code == 302
    html = client.get(url("poll", coproduction, poll.pk), secure=True).content.decode()
    assert "Ehrenamtliche fehlen" in html and "Arbeitszeit" in html


def test_closing_a_poll_by_form_creates_the_meeting(coproduction, coordinator):
    poll = polls.poll_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        title="Auftakt",
        visibility="coproduction",
        dates=[(at(4, 18), at(4, 20), "")],
    )
    date = poll.dates.get()
    close_url = url("poll_close", coproduction, poll.pk)
    response = login(coordinator).post(
        close_url, {"date": date.pk, "format": "in_person", "place": ""}, secure=True
    )
    assert "Ein Treffen in Präsenz braucht einen Ort." in response.content.decode()
    response = login(coordinator).post(
        close_url, {"date": date.pk, "format": "in_person", "place": "Rathaus"}, secure=True
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == url("meeting", coproduction, meeting.pk)


def _fill(coproduction, coordinator, n):
    for i in range(n):
        meeting = make_meeting(
            coproduction, coordinator, starts_at=timezone.now() + timedelta(days=i - n // 2)
        )
        services.agenda_item_add(actor=coordinator, meeting=meeting, title=f"Punkt {i}")
    for _ in range(n // 3):
        polls.poll_create(
            actor=coordinator,
            coproduction=coproduction,
            owner_side="",
            title="Umfrage",
            visibility="coproduction",
            dates=[(at(4, 18), at(4, 20), "")],
        )


def _queries(client, coproduction) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url("list", coproduction), secure=True).status_code == 200
    return len(captured)


def test_the_meeting_list_needs_as_many_queries_for_many_meetings_as_for_few(
    coproduction, coordinator, django_assert_max_num_queries
):
    client = login(coordinator)
    _fill(coproduction, coordinator, 3)
    few = _queries(client, coproduction)
    _fill(coproduction, coordinator, 45)
    with django_assert_max_num_queries(few):
        assert client.get(url("list", coproduction), secure=True).status_code == 200
