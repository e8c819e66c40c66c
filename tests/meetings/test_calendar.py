from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from tests.factories import add_member, make_coproduction, make_user
from tests.goals.conftest import login
from workspaces.visibility import Side

from .helpers import at, make_meeting

pytestmark = pytest.mark.django_db


def _events(content: bytes) -> dict:
    calendar = Calendar.from_ical(content)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_the_ics_of_a_meeting_follows_rfc_5545(coproduction, coordinator, meeting):
    client = login(coordinator)
    ics_url = reverse("meetings:meeting_ics", args=[coproduction.slug, meeting.pk])
    response = client.get(ics_url, secure=True)
    assert response["Content-Type"].startswith("text/calendar")
    event = _events(response.content)["Plenum"]
    assert str(event["UID"]) == meeting.uid
    assert event.decoded("DTSTART") == at(4, 18).astimezone(UTC)
    assert event.decoded("DTEND") == at(4, 20).astimezone(UTC)
    assert event["DTSTAMP"] and int(event["SEQUENCE"]) == 0
    assert str(event["LOCATION"]) == "Rathaus, Raum 101"
    assert str(event["URL"]).endswith(f"/treffen/{meeting.pk}/")

    services.meeting_update(
        actor=coordinator, meeting=meeting, expected_version=1, starts_at=at(4, 17)
    )
    event = _events(client.get(ics_url, secure=True).content)["Plenum"]
    assert int(event["SEQUENCE"]) == 1 and str(event["UID"]) == meeting.uid
    assert event.decoded("DTSTART") == at(4, 17).astimezone(UTC)


def _feed(client, coproduction, token, name="feed"):
    return client.get(reverse(f"meetings:{name}", args=[coproduction.slug, token]), secure=True)


def test_the_feed_shows_only_what_its_member_may_see(client, coproduction, coordinator):
    civil = add_member(coproduction, make_user(), side=Side.CIVIL_SOCIETY)
    soon = timezone.now() + timedelta(days=3)
    make_meeting(coproduction, coordinator, title="Gemeinsames Plenum", starts_at=soon)
    make_meeting(
        coproduction,
        coordinator,
        title="Interne Amtsrunde",
        starts_at=soon,
        side=Side.ADMINISTRATION,
        visibility="side",
    )
    make_meeting(
        coproduction,
        civil.user,
        title="Vorbereitung der Initiative",
        starts_at=soon,
        side=Side.CIVIL_SOCIETY,
        visibility="side",
    )
    token = services.calendar_token_renew(membership=civil).token
    response = _feed(client, coproduction, token)  # no login: calendar programs have none
    assert response.status_code == 200
    assert set(_events(response.content)) == {"Gemeinsames Plenum", "Vorbereitung der Initiative"}


def test_a_wrong_or_renewed_token_answers_404(client, coproduction, coordinator):
    membership = coordinator.memberships.get()
    old = services.calendar_token_renew(membership=membership).token
    assert _feed(client, coproduction, "falsch").status_code == 404
    other = make_coproduction(make_user(), name="Andere")
    assert _feed(client, other, old).status_code == 404  # the token belongs to another slug
    login(coordinator).post(
        reverse("meetings:calendar_renew", args=[coproduction.slug]), secure=True
    )
    assert _feed(client, coproduction, old).status_code == 404
    assert _feed(client, coproduction, old, "personal_feed").status_code == 404


def test_the_personal_feed_gathers_all_my_coproductions(client, coproduction, coordinator):
    soon = timezone.now() + timedelta(days=3)
    make_meeting(coproduction, coordinator, title="Hier", starts_at=soon)
    second = make_coproduction(coordinator, name="Zweite Ko-Produktion")
    make_meeting(second, coordinator, title="Dort", starts_at=soon)
    stranger = make_user()
    third = make_coproduction(stranger, name="Fremde Ko-Produktion")
    make_meeting(third, stranger, title="Fremd", starts_at=soon)
    token = services.calendar_token_renew(membership=coordinator.memberships.first()).token
    slug = coordinator.memberships.first().coproduction
    response = _feed(client, slug, token, "personal_feed")
    assert set(_events(response.content)) == {"Hier", "Dort"}


def test_the_calendar_page_offers_the_links_after_creating_them(coproduction, coordinator):
    client = login(coordinator)
    page = reverse("meetings:calendar", args=[coproduction.slug])
    assert "Kalender-Links erstellen" in client.get(page, secure=True).content.decode()
    client.post(reverse("meetings:calendar_renew", args=[coproduction.slug]), secure=True)
    token = coordinator.memberships.get().calendar_token.token
    assert f"/kalender/{token}.ics" in client.get(page, secure=True).content.decode()
