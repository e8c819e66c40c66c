import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conflicts import services
from conflicts.models import Conflict
from decisions.models import Decision
from history.services import history_for
from tests.goals.conftest import login
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError
from workspaces.views import PAGE_SIZE
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"conflicts:{name}", args=[coproduction.slug, *args])


def conflict_data(**overrides):
    return {
        "title": "Wer liefert in die Kantinen?",
        "administration_position": "Vergaberecht",
        "civil_society_position": "Regionale Höfe",
        "status": "open",
        "visibility": "coproduction",
        **overrides,
    }


def make_conflict(coproduction, actor, **values):
    values = {"owner_side": "", "title": "Streitpunkt", **values}
    return services.conflict_create(actor=actor, coproduction=coproduction, **values)


# Services ----------------------------------------------------------------------------------


def test_a_resolved_conflict_needs_a_resolution_or_a_decision(coproduction, coordinator):
    with pytest.raises(WorkspaceError) as error:
        make_conflict(coproduction, coordinator, status="resolved")

    assert error.value.field == "resolution"
    assert "braucht eine Lösung" in str(error.value)
    decision = Decision.objects.create(
        number=1, coproduction=coproduction, question="Name?", procedure="consensus"
    )
    conflict = make_conflict(coproduction, coordinator, status="resolved", resolved_by=decision)
    assert conflict.resolved_by == decision


def test_a_shared_conflict_cannot_name_a_side_only_decision(coproduction, coordinator):
    secret = Decision.objects.create(
        number=2,
        coproduction=coproduction,
        question="Interne Linie",
        procedure="consensus",
        visibility="side",
        owner_side=Side.ADMINISTRATION,
    )

    with pytest.raises(WorkspaceError) as error:
        make_conflict(coproduction, coordinator, resolved_by=secret)

    assert error.value.field == "resolved_by"


def test_conflicts_never_go_public(coproduction, coordinator):
    with pytest.raises(WorkspaceError) as error:
        make_conflict(coproduction, coordinator, visibility="public")

    assert "nicht auf der öffentlichen Seite" in str(error.value)


def test_conflict_edits_are_versioned_and_recorded(coproduction, coordinator):
    conflict = make_conflict(coproduction, coordinator)
    services.conflict_update(
        actor=coordinator, conflict=conflict, expected_version=1, status="moderation"
    )

    with pytest.raises(StaleEdit):
        services.conflict_update(
            actor=coordinator, conflict=conflict, expected_version=1, status="parked"
        )

    latest = history_for(conflict).first()
    assert latest.changes["status"] == ["open", "moderation"]


# Views -------------------------------------------------------------------------------------


def test_a_conflict_is_entered_and_shown_with_the_cards_advice(coproduction, civil_member):
    response = login(civil_member.user).post(
        url("create", coproduction), conflict_data(), secure=True, follow=True
    )

    page = response.content.decode()
    conflict = Conflict.objects.get()
    assert (conflict.owner_side, conflict.visibility) == ("", "coproduction")
    assert "Regionale Höfe" in page
    assert "Karte 43" in page and "Karte 49" in page
    assert 'id="verlauf"' in page


def test_bad_input_keeps_what_was_typed(coproduction, civil_member):
    response = login(civil_member.user).post(
        url("create", coproduction),
        conflict_data(status="resolved", steps="Drei Treffen mit Moderation"),
        secure=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "braucht eine Lösung" in page
    assert "Drei Treffen mit Moderation" in page
    assert not Conflict.objects.exists()


def test_a_late_edit_keeps_the_input_and_shows_the_saved_version(
    coproduction, coordinator, civil_member
):
    conflict = make_conflict(coproduction, coordinator)
    services.conflict_update(
        actor=coordinator, conflict=conflict, expected_version=1, steps="Zuerst gespeichert"
    )

    response = login(civil_member.user).post(
        url("conflict", coproduction, conflict.pk),
        conflict_data(title="Streitpunkt", steps="Meine Schritte", version=1),
        secure=True,
    )

    page = response.content.decode()
    assert "Jemand war schneller" in page
    assert "Meine Schritte" in page and "Zuerst gespeichert" in page


def test_only_decisions_the_viewer_sees_are_offered(coproduction, coordinator, civil_member):
    Decision.objects.create(
        number=1,
        coproduction=coproduction,
        question="Geheime Amtslinie",
        procedure="consensus",
        visibility="side",
        owner_side=Side.ADMINISTRATION,
    )
    Decision.objects.create(
        number=2, coproduction=coproduction, question="Gemeinsamer Beschluss", procedure="consent"
    )

    page = login(civil_member.user).get(url("create", coproduction), secure=True).content.decode()

    assert "Gemeinsamer Beschluss" in page
    assert "Geheime Amtslinie" not in page


def test_the_register_filters_by_status(coproduction, coordinator, civil_member):
    make_conflict(coproduction, coordinator, title="Offener Punkt")
    make_conflict(coproduction, coordinator, title="Geparkter Punkt", status="parked")

    page = (
        login(civil_member.user)
        .get(url("list", coproduction) + "?stand=parked", secure=True)
        .content.decode()
    )

    assert "Geparkter Punkt" in page and "Offener Punkt" not in page
    assert "Zurückgestellt (1)" in page


def test_the_register_costs_the_same_queries_for_few_and_many_conflicts(
    coproduction, coordinator, civil_member, django_assert_max_num_queries
):
    decision = Decision.objects.create(
        number=1, coproduction=coproduction, question="B", procedure="consent"
    )
    client = login(civil_member.user)
    make_conflict(coproduction, coordinator, status="resolved", resolved_by=decision)
    with CaptureQueriesContext(connection) as few:
        client.get(url("list", coproduction), secure=True)
    for i in range(PAGE_SIZE + 5):
        make_conflict(coproduction, coordinator, title=f"P {i}", resolved_by=decision)

    with django_assert_max_num_queries(len(few)):
        page = client.get(url("list", coproduction), secure=True).content.decode()

    assert "Seite 1 von 2" in page


# Visibility --------------------------------------------------------------------------------


def test_a_side_only_conflict_is_invisible_to_the_other_side(
    coproduction, civil_member, admin_member, outsider
):
    login(civil_member.user).post(
        url("create", coproduction),
        conflict_data(title="Interner Ärger über das Amt", visibility="side"),
        secure=True,
    )
    conflict = Conflict.objects.get()
    assert (conflict.owner_side, conflict.visibility) == (Side.CIVIL_SOCIETY, "side")

    other = login(admin_member.user)
    assert other.get(url("conflict", coproduction, conflict.pk), secure=True).status_code == 404
    listing = other.get(url("list", coproduction), secure=True).content.decode()
    assert "Interner Ärger" not in listing
    assert login(outsider).get(url("list", coproduction), secure=True).status_code == 404
    own = login(civil_member.user).get(url("list", coproduction), secure=True).content.decode()
    assert "Interner Ärger" in own
