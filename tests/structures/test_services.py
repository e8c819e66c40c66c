from datetime import date

import pytest

from history.models import ChangeRecord
from history.services import history_for
from structures import services
from structures.models import Mandate, PhasePlan
from tests.factories import add_member
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def plans(**overrides):
    base = {
        phase: {"version": 0, "joint": True, "administration_part": "", "civil_society_part": ""}
        for phase in PhasePlan.Phase.values
    }
    for phase, values in overrides.items():
        base[phase] = {**base[phase], **values}
    return base


def test_saving_the_phases_creates_the_missing_rows_with_history(coproduction, coordinator):
    services.phase_plans_save(
        actor=coordinator,
        coproduction=coproduction,
        plans=plans(co_design={"joint": False, "civil_society_part": "Rezepte"}),
    )

    assert PhasePlan.objects.filter(coproduction=coproduction).count() == 5
    design = PhasePlan.objects.get(phase="co_design")
    assert (design.joint, design.civil_society_part, design.version) == (False, "Rezepte", 1)
    assert history_for(design).get().action == ChangeRecord.Action.CREATED


def test_a_stale_phase_saves_nothing_at_all(coproduction, coordinator):
    services.phase_plans_save(actor=coordinator, coproduction=coproduction, plans=plans())
    stored = {p.phase: p.version for p in PhasePlan.objects.all()}
    services.phase_plans_save(
        actor=coordinator,
        coproduction=coproduction,
        plans={"co_planning": {"version": 1, "joint": False}},
    )

    late = plans(problem_definition={"version": 1, "civil_society_part": "Neu"})
    late = {phase: {**values, "version": stored[phase]} for phase, values in late.items()}
    with pytest.raises(StaleEdit) as error:
        services.phase_plans_save(actor=coordinator, coproduction=coproduction, plans=late)

    assert error.value.current.phase == "co_planning"
    assert PhasePlan.objects.get(phase="problem_definition").civil_society_part == ""


def test_a_joint_body_cannot_become_side_only(coproduction, coordinator):
    body = services.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="Plenum", kind="plenary"
    )

    with pytest.raises(WorkspaceError) as error:
        services.body_update(
            actor=coordinator, body=body, expected_version=body.version, visibility="side"
        )

    assert error.value.field == "visibility"
    assert "gehört keiner Seite allein" in str(error.value)


def test_a_side_only_body_belongs_to_its_side_and_records_its_members(
    coproduction, coordinator, admin_member
):
    body = services.body_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        name="Amtsrunde",
        kind="steering",
        visibility="side",
        members=[admin_member],
    )

    assert body.owner_side == Side.ADMINISTRATION
    assert history_for(body).get().changes["members"] == [None, [str(admin_member)]]


def test_body_edits_are_versioned(coproduction, coordinator):
    body = services.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="AG", kind="plenary"
    )
    services.body_update(actor=coordinator, body=body, expected_version=1, name="AG Küche")

    with pytest.raises(StaleEdit):
        services.body_update(actor=coordinator, body=body, expected_version=1, name="AG Essen")


@pytest.fixture
def plenary(coproduction, coordinator):
    return services.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="Plenum", kind="plenary"
    )


def test_a_mandate_is_held_by_someone_of_the_partner_it_represents(
    plenary, coordinator, civil_member, admin_member
):
    with pytest.raises(WorkspaceError) as error:
        services.mandate_create(
            actor=coordinator, body=plenary, partner=civil_member.partner, holder=admin_member
        )

    assert error.value.field == "holder"
    assert "ist nicht für „Ernährungsrat“ dabei" in str(error.value)


def test_rotating_ends_the_mandate_and_keeps_who_held_it(
    plenary, coproduction, coordinator, civil_member
):
    successor = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    first = services.mandate_create(
        actor=coordinator,
        body=plenary,
        partner=civil_member.partner,
        holder=civil_member,
        may_decide_alone="Termine",
        needs_consultation="Geld",
        rotates=True,
        started_on=date(2026, 1, 1),
    )

    second = services.mandate_rotate(
        actor=coordinator, mandate=first, expected_version=first.version, holder=successor
    )

    first.refresh_from_db()
    assert first.ended_on is not None and not first.current
    assert second.current and second.holder == successor
    assert (second.may_decide_alone, second.needs_consultation, second.rotates) == (
        "Termine",
        "Geld",
        True,
    )
    assert Mandate.objects.filter(body=plenary).count() == 2
    assert [r.action for r in history_for(first)] == ["updated", "created"]

    with pytest.raises(WorkspaceError) as error:
        services.mandate_rotate(
            actor=coordinator, mandate=first, expected_version=first.version, holder=successor
        )
    assert "schon beendet" in str(error.value)


def test_a_mandate_cannot_rotate_to_its_own_holder(plenary, coordinator, civil_member):
    mandate = services.mandate_create(
        actor=coordinator, body=plenary, partner=civil_member.partner, holder=civil_member
    )

    with pytest.raises(WorkspaceError) as error:
        services.mandate_rotate(
            actor=coordinator, mandate=mandate, expected_version=1, holder=civil_member
        )

    assert "hält das Mandat schon" in str(error.value)


def test_a_stale_rotation_changes_nothing(plenary, coproduction, coordinator, civil_member):
    successor = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    mandate = services.mandate_create(
        actor=coordinator, body=plenary, partner=civil_member.partner, holder=civil_member
    )
    services.mandate_update(
        actor=coordinator, mandate=mandate, expected_version=1, needs_consultation="Alles"
    )

    with pytest.raises(StaleEdit):
        services.mandate_rotate(
            actor=coordinator, mandate=mandate, expected_version=1, holder=successor
        )

    assert Mandate.objects.count() == 1
