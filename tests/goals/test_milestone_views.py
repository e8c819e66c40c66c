"""The milestone pages: celebrating and publishing, dates questioned, the list and timeline."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from goals.models import Milestone
from goals.selectors import TIMELINE_LIMIT
from tests.factories import make_milestone
from tests.goals.conftest import follow, login, page_of, url
from workspaces.views import PAGE_SIZE
from workspaces.visibility import Visibility

pytestmark = pytest.mark.django_db


# A date still to come, whenever the tests run: a planned milestone in the past is questioned.
AHEAD = (timezone.localdate() + timedelta(days=90)).isoformat()
PASSED = (timezone.localdate() - timedelta(days=30)).isoformat()


def milestone_data(**overrides) -> dict:
    return {
        "title": "Kooperationsvereinbarung unterzeichnet",
        "kind": "process",
        "due_date": AHEAD,
        "status": "planned",
        "visibility": "coproduction",
        **overrides,
    }


def test_a_reached_milestone_is_offered_for_celebration_and_publication(
    coproduction, coordinator, admin_member
):
    client = login(coordinator)
    follow(client, url("milestone_create", coproduction), milestone_data())
    milestone = Milestone.objects.get()

    response = client.post(
        url("milestone", coproduction, milestone.pk),
        milestone_data(status="reached", responsible=admin_member.pk, version=1),
        secure=True,
    )
    assert response["Location"].endswith(f"/meilensteine/{milestone.pk}/#feiern")
    offer = page_of(client, response["Location"])
    assert "ist erreicht!" in offer
    assert "Feiern!" in offer and "Öffentlich machen" in offer

    celebrated = follow(
        client, url("milestone_celebrate", coproduction, milestone.pk), {"version": 2}
    )
    assert "Herzlichen Glückwunsch!" in celebrated
    asked = follow(client, url("milestone_publish", coproduction, milestone.pk), {"version": 3})
    assert "„Kooperationsvereinbarung unterzeichnet“ öffentlich machen?" in asked
    assert "auch Menschen ohne Konto" in asked and "Ja, öffentlich machen" in asked
    milestone.refresh_from_db()
    assert milestone.visibility == Visibility.COPRODUCTION
    published = follow(
        client,
        url("milestone_publish", coproduction, milestone.pk),
        {"version": 3, "confirmed": "1"},
    )
    assert "ist jetzt öffentlich" in published
    assert 'id="feiern"' not in published  # nothing left to offer

    milestone.refresh_from_db()
    assert milestone.celebrated and milestone.visibility == Visibility.PUBLIC
    assert milestone.reached_on is not None and milestone.responsible == admin_member


def test_a_milestone_created_as_reached_goes_straight_to_the_offer(coproduction, coordinator):
    response = login(coordinator).post(
        url("milestone_create", coproduction), milestone_data(status="reached"), secure=True
    )

    assert response["Location"].endswith("#feiern")


@pytest.mark.parametrize("name", ["milestone_celebrate", "milestone_publish"])
def test_celebrating_and_publishing_need_an_editor(coproduction, civil_observer, name):
    milestone = make_milestone(coproduction, status=Milestone.Status.REACHED)

    observer = login(civil_observer.user)
    data = {"version": milestone.version, "confirmed": "1"}
    assert observer.get(url(name, coproduction, milestone.pk), secure=True).status_code in (
        403,
        405,
    )
    assert (
        observer.post(url(name, coproduction, milestone.pk), data, secure=True).status_code == 403
    )
    milestone.refresh_from_db()
    assert not milestone.celebrated and milestone.visibility == Visibility.COPRODUCTION


def test_celebrating_needs_a_post(coproduction, coordinator):
    milestone = make_milestone(coproduction, status=Milestone.Status.REACHED)

    page = login(coordinator).get(
        url("milestone_celebrate", coproduction, milestone.pk), secure=True
    )

    assert page.status_code == 405


def test_publishing_a_milestone_asks_first_naming_it_and_the_public(
    coproduction, coordinator, admin_member
):
    milestone = make_milestone(
        coproduction, title="Erste Kantine stellt um", status=Milestone.Status.REACHED
    )
    client = login(coordinator)
    publish = url("milestone_publish", coproduction, milestone.pk)

    # The button is a plain link to the question (no JavaScript), and the question changes nothing
    # (neither on GET nor on a POST without the confirmation).
    detail = page_of(client, url("milestone", coproduction, milestone.pk))
    assert f'action="{publish}"' in detail and 'method="get"' in detail
    question = page_of(client, publish)
    unconfirmed = client.post(publish, {"version": milestone.version}, secure=True)
    assert unconfirmed.status_code == 200
    assert "„Erste Kantine stellt um“ öffentlich machen?" in question
    assert "Bisher sieht ihn: alle 2 Mitglieder der Ko-Produktion" in question
    assert "Danach sieht ihn: alle – auch Menschen ohne Konto" in question
    milestone.refresh_from_db()
    assert milestone.visibility == Visibility.COPRODUCTION

    # Confirming a version that is no longer the one asked about is refused.
    stale = follow(client, publish, {"version": milestone.version - 1, "confirmed": "1"})
    assert "inzwischen geändert" in stale
    milestone.refresh_from_db()
    assert milestone.visibility == Visibility.COPRODUCTION

    done = follow(client, publish, {"version": milestone.version, "confirmed": "1"})

    assert "„Erste Kantine stellt um“ ist jetzt öffentlich" in done
    milestone.refresh_from_db()
    assert milestone.visibility == Visibility.PUBLIC
    again = follow(client, publish, {"version": milestone.version, "confirmed": "1"})
    assert "ist schon öffentlich" in again


def test_a_stale_celebration_is_refused_with_a_message(coproduction, coordinator):
    milestone = make_milestone(coproduction, status=Milestone.Status.REACHED, version=3)

    page = follow(
        login(coordinator), url("milestone_celebrate", coproduction, milestone.pk), {"version": 2}
    )

    assert "inzwischen geändert" in page
    milestone.refresh_from_db()
    assert not milestone.celebrated


def test_a_milestone_with_a_reached_day_but_another_status_is_refused(coproduction, coordinator):
    response = login(coordinator).post(
        url("milestone_create", coproduction),
        milestone_data(reached_on="2025-09-01"),
        secure=True,
    )

    assert "passt nur zum Stand „Erreicht“" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_planned_milestone_dated_in_the_past_is_questioned_and_can_be_confirmed(
    coproduction, coordinator
):
    client = login(coordinator)
    create = url("milestone_create", coproduction)

    asked = client.post(create, milestone_data(due_date=PASSED), secure=True)

    page = asked.content.decode()
    passed = date.fromisoformat(PASSED)
    assert f"Dieses Datum ({passed:%d.%m.%Y}) liegt in der Vergangenheit." in page
    assert 'type="checkbox" name="past_confirmed"' in page
    assert 'value="Kooperationsvereinbarung unterzeichnet"' in page  # the input is kept
    assert not Milestone.objects.exists()

    follow(client, create, milestone_data(due_date=PASSED, past_confirmed="on"))

    milestone = Milestone.objects.get()
    assert milestone.due_date == passed
    # Changing something else later does not ask again; moving the date to another past day does.
    edit = url("milestone", coproduction, milestone.pk)
    data = milestone_data(due_date=PASSED, title="Vertrag unterzeichnet", version=1)
    assert client.post(edit, data, secure=True).status_code == 302
    earlier = (passed - timedelta(days=1)).isoformat()
    again = client.post(edit, {**data, "due_date": earlier, "version": 2}, secure=True)
    assert "liegt in der Vergangenheit" in again.content.decode()


@pytest.mark.parametrize("status", ["reached", "missed", "dropped"])
def test_a_milestone_already_behind_is_recorded_with_its_past_date(
    coproduction, coordinator, status
):
    response = login(coordinator).post(
        url("milestone_create", coproduction),
        milestone_data(due_date=PASSED, status=status),
        secure=True,
    )

    assert response.status_code == 302
    assert Milestone.objects.get().due_date == date.fromisoformat(PASSED)


def test_a_milestone_cannot_be_reached_on_a_day_still_to_come(coproduction, coordinator):
    response = login(coordinator).post(
        url("milestone_create", coproduction),
        milestone_data(status="reached", reached_on=AHEAD),
        secure=True,
    )

    assert "liegt in der Zukunft" in response.content.decode()
    assert not Milestone.objects.exists()


def test_milestones_are_listed_by_due_date_a_page_at_a_time_and_filtered_by_status(
    coproduction, coordinator
):
    start = date(2025, 1, 1)
    for day in range(PAGE_SIZE + 10):
        make_milestone(
            coproduction, title=f"Schritt {day:02d}", due_date=start + timedelta(days=day)
        )
    make_milestone(
        coproduction, title="Schon erreicht", due_date=date(2024, 12, 1), status="reached"
    )
    client = login(coordinator)

    first = page_of(client, url("milestones", coproduction))
    second = page_of(client, url("milestones", coproduction) + "?seite=2")
    reached = page_of(client, url("milestones", coproduction) + "?stand=reached")

    listing = first.split('id="liste"')[1]
    assert listing.index("Schon erreicht") < listing.index("Schritt 00")
    # "Schon erreicht" is due first and takes one place on the first page.
    last_on_first = f"Schritt {PAGE_SIZE - 2:02d}"
    assert last_on_first in listing and f"Schritt {PAGE_SIZE - 1:02d}" not in listing
    assert "Seite 1 von" in first and "?seite=2#liste" in first
    assert f"Schritt {PAGE_SIZE - 1:02d}" in second.split('id="liste"')[1]
    assert "Schon erreicht" in reached.split('id="liste"')[1]
    assert "Schritt 00" not in reached.split('id="liste"')[1]


def test_the_milestone_page_starts_with_the_timeline_and_its_text_alternative(
    coproduction, coordinator
):
    for day in range(65):
        make_milestone(coproduction, due_date=date(2025, 1, 1) + timedelta(days=7 * day))

    page = page_of(login(coordinator), url("milestones", coproduction))

    assert page.index('role="img"') < page.index('id="liste"')
    assert "Die Zeitleiste als Tabelle" in page
    assert (
        f"zeigt es nur die {TIMELINE_LIMIT} Meilensteine, die heute am nächsten liegen "
        "– von insgesamt 65" in page
    )
    svg = page[page.index("<svg xmlns") : page.index("</svg>")]
    assert "style=" not in svg
    assert svg.count("<g><title>") == TIMELINE_LIMIT
    for card in (32, 52):
        assert f"/faecher/karten/{card}/" in page
