import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals.models import Contribution, Demand, Goal, Obstacle
from goals.views import GOAL_SECTION_SIZE
from history.models import ChangeRecord
from tests.factories import make_goal, make_milestone, partner_on
from tests.goals.conftest import follow, login, page_of, url
from workspaces.visibility import Side, Visibility

pytestmark = pytest.mark.django_db


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
