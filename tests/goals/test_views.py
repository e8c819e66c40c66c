import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from goals.selectors import TIMELINE_LIMIT
from goals.views import GOAL_SECTION_SIZE
from history.models import ChangeRecord
from tests.factories import make_goal, make_milestone, partner_on
from tests.goals.conftest import login, url
from workspaces.views import PAGE_SIZE
from workspaces.visibility import Side, Visibility

pytestmark = pytest.mark.django_db


def page_of(client, path) -> str:
    response = client.get(path, secure=True)
    assert response.status_code == 200
    return response.content.decode()


def follow(client, path, data) -> str:
    response = client.post(path, data, secure=True, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def draft_data(**overrides) -> dict:
    return {
        "level": "concrete",
        "title": "Jede Kita kocht frisch",
        "description": "Mit regionalen Zutaten.",
        "due_date": "2030-09-01",
        "dimensions": ["material", "social"],
        "visibility": "side",
        **overrides,
    }


# Goals -------------------------------------------------------------------------------------


def test_the_goal_page_names_its_cards_and_who_sees_what(coproduction, coordinator):
    make_goal(coproduction, side=Side.ADMINISTRATION, title="Entwurf")

    page = page_of(login(coordinator), url("list", coproduction))

    assert "🔒 = nur eure Seite sieht das" in page
    for card in (30, 31, 33):
        assert f"/faecher/karten/{card}/" in page
    assert "🔒 Nur Verwaltung/Politik" in page


def test_a_side_draft_is_created_side_only_with_dimensions_and_history(coproduction, coordinator):
    page = follow(login(coordinator), url("goal_create", coproduction), draft_data())

    goal = Goal.objects.get()
    assert (goal.kind, goal.owner_side, goal.visibility) == ("side", "administration", "side")
    assert goal.dimensions == ["material", "social"]
    assert goal.due_date == date(2030, 9, 1)
    assert "Materielle Teilhabe, Soziale Teilhabe" in page
    assert "bis 01.09.2030" in page
    assert 'id="verlauf"' in page and "angelegt" in page


def test_bad_input_keeps_what_was_typed_and_explains_in_german(coproduction, coordinator):
    response = login(coordinator).post(
        url("goal_create", coproduction),
        draft_data(title="", due_date="", description="Meine lange Begründung"),
        secure=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "Ein konkretes Ziel braucht ein Datum" in page
    assert "Meine lange Begründung" in page
    assert 'value="material"' in page and re.search(r'value="material"[^>]*checked', page)
    assert not Goal.objects.exists()


def test_the_second_writer_is_told_keeps_their_input_and_overwrites_nothing(
    coproduction, coordinator, admin_member
):
    goal = make_goal(coproduction, side=Side.ADMINISTRATION, title="Ursprung")
    first, second = login(coordinator), login(admin_member.user)
    page_of(first, url("goal", coproduction, goal.pk))
    page_of(second, url("goal", coproduction, goal.pk))
    data = draft_data(level="abstract", due_date="", version=1)

    first.post(url("goal", coproduction, goal.pk), {**data, "title": "Fassung A"}, secure=True)
    response = second.post(
        url("goal", coproduction, goal.pk), {**data, "title": "Fassung B"}, secure=True
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Jemand war schneller" in page
    assert 'value="Fassung B"' in page  # their input
    assert "<dd>Fassung A</dd>" in page  # the saved version, to compare
    assert 'name="version" value="2"' in page  # saving again is a deliberate choice
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Fassung A", 2)


def test_the_joint_goal_form_finds_shared_side_goals_and_no_draft(coproduction, coordinator):
    shared = make_goal(
        coproduction, side=Side.CIVIL_SOCIETY, visibility=Visibility.COPRODUCTION, title="Kita A"
    )
    draft = make_goal(
        coproduction, side=Side.CIVIL_SOCIETY, visibility=Visibility.SIDE, title="Kita B"
    )

    search = "?auswahl=answers&answers__q=Kita"
    page = page_of(login(coordinator), url("joint_create", coproduction) + search)

    assert f'name="answers" value="{shared.pk}"' in page
    assert f'name="answers" value="{draft.pk}"' not in page
    assert page.count('name="answers"') == 1


def test_a_joint_goal_is_created_with_the_goals_it_answers(coproduction, coordinator, civil_member):
    theirs = make_goal(coproduction, side=Side.CIVIL_SOCIETY, visibility=Visibility.COPRODUCTION)
    data = draft_data(
        level="abstract",
        due_date="",
        visibility="coproduction",
        answers=[theirs.pk],
        steward=civil_member.pk,
    )

    page = follow(login(coordinator), url("joint_create", coproduction), data)

    joint = Goal.objects.get(kind=Goal.Kind.JOINT)
    assert list(joint.answers.all()) == [theirs]
    assert joint.steward == civil_member
    assert theirs.title in page


def test_a_joint_goal_offers_no_side_only_visibility(coproduction, coordinator):
    page = page_of(login(coordinator), url("joint_create", coproduction))

    assert 'name="visibility" value="side"' not in page
    assert 'name="visibility" value="coproduction"' in page


def test_sharing_from_the_list_asks_first_naming_the_drafts_and_who_sees_them(
    coproduction, admin_member, civil_member
):
    make_goal(coproduction, side=Side.ADMINISTRATION, title="Kantinen regional")
    make_goal(coproduction, side=Side.ADMINISTRATION, title="Schulgärten")
    client = login(admin_member.user)

    question = page_of(client, url("share", coproduction))

    assert "Diese 2 Entwürfe teilen?" in question
    assert "Kantinen regional" in question and "Schulgärten" in question
    assert "alle 3 Mitglieder der Ko-Produktion" in question  # coordinator and both members
    assert "Ernährungsrat" in question  # the other side is named
    assert not Goal.objects.exclude(visibility=Visibility.SIDE).exists()
    # A draft added while the question was open is not shared along with the others.
    named = {"goal": list(Goal.objects.values_list("pk", flat=True)), "confirmed": "1"}
    late = make_goal(coproduction, side=Side.ADMINISTRATION, title="Später")

    page = follow(client, url("share", coproduction), named)

    assert "2 Entwürfe sind jetzt für alle Mitglieder sichtbar." in page
    assert set(Goal.objects.filter(visibility=Visibility.SIDE)) == {late}
    assert ChangeRecord.objects.filter(action=ChangeRecord.Action.SHARED).count() == 2


def test_sharing_one_draft_from_its_page(coproduction, admin_member):
    goal = make_goal(coproduction, side=Side.ADMINISTRATION, title="Eins")
    other = make_goal(coproduction, side=Side.ADMINISTRATION, title="Zwei")
    client = login(admin_member.user)

    question = page_of(client, url("share", coproduction) + f"?ziel={goal.pk}&from=detail")
    assert "Diesen Entwurf teilen?" in question and "Eins" in question and "Zwei" not in question
    # An old one-click form (a POST without confirmation) only gets the question.
    assert "Diesen Entwurf teilen?" in follow(client, url("share", coproduction), {"goal": goal.pk})
    goal.refresh_from_db()
    assert goal.visibility == "side"

    page = follow(
        client,
        url("share", coproduction),
        {"goal": goal.pk, "from": "detail", "confirmed": "1"},
    )

    assert "„Eins“ sehen jetzt alle Mitglieder." in page
    assert "geteilt" in page  # its history
    goal.refresh_from_db()
    other.refresh_from_db()
    assert (goal.visibility, other.visibility) == ("coproduction", "side")


def test_the_other_sides_draft_cannot_be_named_for_sharing(coproduction, admin_member):
    theirs = make_goal(coproduction, side=Side.CIVIL_SOCIETY, title="Geheime Linie")
    client = login(admin_member.user)
    question = client.get(url("share", coproduction) + f"?ziel={theirs.pk}", secure=True)
    assert question.status_code == 404 and "Geheime Linie" not in question.content.decode()
    named = {"goal": theirs.pk, "confirmed": "1"}
    assert client.post(url("share", coproduction), named, secure=True).status_code == 404
    theirs.refresh_from_db()
    assert theirs.visibility == Visibility.SIDE


def test_an_observer_reads_but_cannot_edit(coproduction, civil_observer):
    goal = make_goal(coproduction, side=Side.CIVIL_SOCIETY, title="Unser Ziel")
    client = login(civil_observer.user)

    page = page_of(client, url("goal", coproduction, goal.pk))
    assert "Unser Ziel" in page
    assert "Ihr seid als Beobachtung dabei." in page
    assert 'id="bearbeiten"' not in page
    for name, args in [
        ("goal", (goal.pk,)),
        ("goal_delete", (goal.pk,)),
        ("goal_create", ()),
        ("share", ()),
        ("demand_create", ()),
        ("milestone_create", ()),
    ]:
        response = client.post(url(name, coproduction, *args), draft_data(), secure=True)
        assert response.status_code == 403, name
    assert client.get(url("goal_create", coproduction), secure=True).status_code == 403
    goal.refresh_from_db()
    assert (goal.title, goal.visibility) == ("Unser Ziel", Visibility.SIDE)


def test_the_other_side_reads_a_shared_goal_but_cannot_change_it(coproduction, civil_member):
    goal = make_goal(coproduction, side=Side.ADMINISTRATION, visibility=Visibility.COPRODUCTION)
    client = login(civil_member.user)

    page = page_of(client, url("goal", coproduction, goal.pk))
    response = client.post(url("goal", coproduction, goal.pk), draft_data(), secure=True)

    assert "Er gehört einer anderen Seite." in page
    assert response.status_code == 403


def test_a_goal_is_deleted_after_asking(coproduction, coordinator):
    goal = make_goal(coproduction, side=Side.ADMINISTRATION, title="Weg damit")
    client = login(coordinator)

    question = page_of(client, url("goal_delete", coproduction, goal.pk))
    page = follow(client, url("goal_delete", coproduction, goal.pk), {"version": 1})

    assert "Wirklich löschen?" in question
    assert "„Weg damit“ ist gelöscht." in page
    assert not Goal.objects.exists()


def test_the_overlap_page_shows_what_joint_goals_cover_per_side(coproduction, coordinator):
    covered = make_goal(
        coproduction, side=Side.CIVIL_SOCIETY, title="Gedeckt", visibility=Visibility.COPRODUCTION
    )
    make_goal(
        coproduction, side=Side.CIVIL_SOCIETY, title="Offen", visibility=Visibility.COPRODUCTION
    )
    make_goal(coproduction, title="Gemeinsam").answers.add(covered)

    page = page_of(login(coordinator), url("overlap", coproduction))

    covered_part, open_part = page.split("Noch von keinem gemeinsamen Ziel aufgegriffen")
    assert "Gedeckt" in covered_part and "Aufgegriffen von: " in covered_part
    assert "Offen" in open_part
    assert "/faecher/karten/31/" in page


def test_demands_are_noted_and_listed_by_kind(coproduction, coordinator):
    client = login(coordinator)
    follow(
        client,
        url("demand_create", coproduction),
        {"kind": "non_negotiable", "text": "Rechtssichere Vergabe", "visibility": "side"},
    )
    follow(
        client,
        url("demand_create", coproduction),
        {"kind": "compromise", "text": "Zeitplan", "visibility": "side"},
    )

    page = page_of(client, url("list", coproduction))

    assert page.index("Nicht verhandelbar") < page.index("Rechtssichere Vergabe")
    assert page.index("Hier können wir Kompromisse machen") < page.index("Zeitplan")
    assert Demand.objects.filter(visibility=Visibility.SIDE).count() == 2


# Strategy ----------------------------------------------------------------------------------


def test_the_strategy_shows_contributions_obstacles_and_stewards(
    coproduction, coordinator, civil_member
):
    client = login(coordinator)
    own_partner = partner_on(coproduction, Side.ADMINISTRATION)
    joint = make_goal(coproduction, title="Frisch kochen", steward=civil_member)
    follow(
        client,
        url("contribution_create", coproduction),
        {
            "partner": own_partner.pk,
            "kind": "resources",
            "description": "Eine halbe Stelle",
            "visibility": "coproduction",
        },
    )
    follow(
        client,
        url("obstacle_create", coproduction),
        {
            "goal": joint.pk,
            "description": "Vergaberecht",
            "remedy": "Rahmenvertrag",
            "visibility": "coproduction",
        },
    )

    page = page_of(login(civil_member.user), url("strategy", coproduction))

    assert "Umweltamt" in page and "Ressourcen" in page and "Eine halbe Stelle" in page
    assert "Vergaberecht" in page and "Rahmenvertrag" in page
    assert f"{civil_member} (Ernährungsrat)" in page
    assert Obstacle.objects.get().owner_side == ""  # visible to all: a joint obstacle
    assert "/faecher/karten/31/" in page


def test_contributions_are_entered_for_partners_of_ones_own_side_only(coproduction, coordinator):
    theirs = partner_on(coproduction, Side.CIVIL_SOCIETY)

    response = login(coordinator).post(
        url("contribution_create", coproduction),
        {"partner": theirs.pk, "kind": "resources", "description": "x", "visibility": "side"},
        secure=True,
    )

    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()
    assert not Contribution.objects.exists()


# Milestones --------------------------------------------------------------------------------


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


# Pagination and query counts ---------------------------------------------------------------


def fill_goals(coproduction, steward, n: int, start: int = 0) -> None:
    """``n`` of everything on the goals page: drafts, shared goals, joint goals, demands."""
    for i in range(start, start + n):
        make_goal(
            coproduction, side=Side.ADMINISTRATION, title=f"Entwurf {i}", dimensions=["social"]
        )
        shared = make_goal(
            coproduction, side=Side.CIVIL_SOCIETY, title=f"Geteilt {i}", visibility="coproduction"
        )
        joint = make_goal(coproduction, title=f"Gemeinsam {i}", steward=steward)
        joint.answers.add(shared)
        Demand.objects.create(
            coproduction=coproduction,
            owner_side=Side.ADMINISTRATION,
            kind="compromise",
            text=f"F {i}",
        )


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path, secure=True).status_code == 200
    return len(context.captured_queries)


def test_the_goal_list_paginates_joint_goals(coproduction, coordinator):
    for i in range(GOAL_SECTION_SIZE + 1):
        make_goal(coproduction, title=f"Gemeinsam {i:02d}")
    client = login(coordinator)

    first = page_of(client, url("list", coproduction))
    second = page_of(client, url("list", coproduction) + "?gemeinsame=2")

    last, next_one = f"Gemeinsam {GOAL_SECTION_SIZE - 1:02d}", f"Gemeinsam {GOAL_SECTION_SIZE:02d}"
    assert last in first and next_one not in first
    assert next_one in second and "Gemeinsam 00" not in second
    assert "?gemeinsame=2#gemeinsame-ziele" in first


@pytest.mark.parametrize("name", ["list", "overlap", "strategy"])
def test_goal_pages_need_the_same_queries_for_10_and_200_goals(
    coproduction, coordinator, civil_member, django_assert_max_num_queries, name
):
    fill_goals(coproduction, civil_member, 10)
    client = login(coordinator)
    count_queries(client, url(name, coproduction))  # warm up session and caches
    small = count_queries(client, url(name, coproduction))

    fill_goals(coproduction, civil_member, 190, start=10)

    with django_assert_max_num_queries(small):
        client.get(url(name, coproduction), secure=True)
    assert small <= 20


def test_the_milestone_list_needs_the_same_queries_for_10_and_200_milestones(
    coproduction, coordinator, civil_member, django_assert_max_num_queries
):
    goal = make_goal(coproduction)

    def fill(n, start=0):
        for i in range(start, start + n):
            make_milestone(
                coproduction,
                due_date=date(2025, 1, 1) + timedelta(days=3 * i),
                responsible=civil_member,
                goal=goal,
            )

    fill(10)
    client = login(coordinator)
    count_queries(client, url("milestones", coproduction))
    small = count_queries(client, url("milestones", coproduction))
    fill(190, start=10)

    with django_assert_max_num_queries(small):
        client.get(url("milestones", coproduction), secure=True)
    assert small <= 15


def test_widening_who_sees_an_item_in_its_edit_form_asks_once(coproduction, admin_member):
    goal = make_goal(coproduction, side=Side.ADMINISTRATION, title="Kantinen regional")
    client = login(admin_member.user)
    wider = draft_data(title="Kantinen regional", visibility="public", version=goal.version)

    response = client.post(url("goal", coproduction, goal.pk), wider, secure=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mehr Menschen sehen dann „Kantinen regional“." in html
    assert "auch Menschen ohne Konto" in html and "Ja, für „Öffentlich“ speichern" in html
    assert 'value="Mit regionalen Zutaten."' in html or "Mit regionalen Zutaten." in html
    goal.refresh_from_db()
    assert goal.visibility == Visibility.SIDE
    # Confirming another width than the one asked about does not count.
    client.post(
        url("goal", coproduction, goal.pk),
        {**wider, "widen_confirmed": "coproduction"},
        secure=True,
    )
    goal.refresh_from_db()
    assert goal.visibility == Visibility.SIDE

    response = client.post(
        url("goal", coproduction, goal.pk), {**wider, "widen_confirmed": "public"}, secure=True
    )

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.visibility == Visibility.PUBLIC
    # Narrowing again needs no question.
    narrower = {**wider, "visibility": "coproduction", "version": goal.version}
    assert client.post(url("goal", coproduction, goal.pk), narrower, secure=True).status_code == 302
