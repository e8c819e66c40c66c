from datetime import date
from decimal import Decimal

import pytest

from history.services import history_for
from resources import services
from resources.models import Funding, Position
from tests.resources.factories import make_funding, make_position
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError

pytestmark = pytest.mark.django_db


def test_a_position_starts_side_only_and_its_creation_is_recorded(
    coproduction, coordinator, office
):
    position = make_position(coproduction, coordinator, office)

    assert position.visibility == "side" and position.owner_side == "administration"
    created = history_for(position).get()
    assert created.changes["share_percent"] == [None, 25]


def test_pay_and_contract_must_fit_together(coproduction, coordinator, office):
    with pytest.raises(WorkspaceError) as error:
        make_position(coproduction, coordinator, office, pay="volunteer", contract="employment")
    assert error.value.field == "contract"
    with pytest.raises(WorkspaceError):
        make_position(coproduction, coordinator, office, pay="paid", contract="none")
    assert make_position(coproduction, coordinator, office, pay="volunteer", contract="allowance")


def test_a_vacant_position_has_no_holder_and_a_holder_is_of_the_own_side(
    coproduction, coordinator, office, admin_member, civil_member
):
    with pytest.raises(WorkspaceError) as error:
        make_position(coproduction, coordinator, office, filling="vacant", holder=admin_member)
    assert error.value.field == "holder"
    with pytest.raises(WorkspaceError) as error:
        make_position(coproduction, coordinator, office, holder=civil_member)
    assert error.value.field == "holder"
    assert make_position(coproduction, coordinator, office, holder=admin_member).holder


def test_a_side_enters_positions_only_for_its_own_partners(coproduction, coordinator, civil_member):
    with pytest.raises(WorkspaceError) as error:
        services.position_create(
            actor=coordinator,
            coproduction=coproduction,
            owner_side="administration",
            partner=civil_member.partner,
            title="Fremd",
            pay="paid",
            contract="fee",
        )
    assert error.value.field == "partner"


def test_the_end_lies_after_the_start(coproduction, coordinator, office):
    with pytest.raises(WorkspaceError) as error:
        make_funding(
            coproduction,
            coordinator,
            office,
            start_date=date(2027, 1, 1),
            end_date=date(2026, 1, 1),
        )
    assert error.value.field == "end_date"


def test_a_follow_up_path_needs_an_owner_and_a_date(coproduction, coordinator, office):
    funding = make_funding(coproduction, coordinator, office, end_date=date(2027, 6, 30))
    with pytest.raises(WorkspaceError) as error:
        services.funding_update(
            actor=coordinator, funding=funding, expected_version=1, follow_up="budget"
        )
    assert error.value.field == "follow_up_owner"
    me = coordinator.memberships.get()
    services.funding_update(
        actor=coordinator,
        funding=funding,
        expected_version=1,
        follow_up="budget",
        follow_up_owner=me,
        decide_by=date(2027, 1, 31),
    )
    funding.refresh_from_db()
    assert funding.follow_up_settled and funding.version == 2


def test_a_shared_funding_cannot_name_a_side_only_position(coproduction, coordinator, office):
    secret = make_position(coproduction, coordinator, office)
    with pytest.raises(WorkspaceError) as error:
        make_funding(
            coproduction, coordinator, office, visibility="coproduction", positions=[secret]
        )
    assert error.value.field == "positions"
    funding = make_funding(coproduction, coordinator, office, positions=[secret])
    assert funding.covers == ["staff"]  # paying a position pays staff


def test_a_position_a_shared_funding_pays_cannot_become_side_only(
    coproduction, coordinator, office
):
    shared = make_position(coproduction, coordinator, office, visibility="coproduction")
    make_funding(coproduction, coordinator, office, visibility="coproduction", positions=[shared])
    with pytest.raises(WorkspaceError) as error:
        services.position_update(
            actor=coordinator, position=shared, expected_version=1, visibility="side"
        )
    assert error.value.field == "visibility"


def test_changing_the_positions_paid_is_recorded_and_versions_are_checked(
    coproduction, coordinator, office
):
    position = make_position(coproduction, coordinator, office)
    funding = make_funding(coproduction, coordinator, office, amount=Decimal("48000.50"))
    services.funding_update(
        actor=coordinator, funding=funding, expected_version=1, positions=[position]
    )
    change = history_for(funding).first()
    assert [ref["label"] for ref in change.changes["positions"][1]] == [position.title]
    with pytest.raises(StaleEdit):
        services.funding_update(actor=coordinator, funding=funding, expected_version=1, title="X")


def test_deleting_a_position_keeps_the_funding_that_paid_it(coproduction, coordinator, office):
    position = make_position(coproduction, coordinator, office)
    funding = make_funding(coproduction, coordinator, office, positions=[position])
    services.position_delete(actor=coordinator, position=position, expected_version=1)
    assert not Position.objects.exists()
    assert Funding.objects.get(pk=funding.pk).positions.count() == 0


def test_positions_and_funding_never_go_public(coproduction, coordinator, office):
    with pytest.raises(WorkspaceError) as error:
        make_funding(coproduction, coordinator, office, visibility="public")
    assert error.value.field == "visibility"
    position = make_position(coproduction, coordinator, office)
    with pytest.raises(WorkspaceError):
        services.position_update(
            actor=coordinator, position=position, expected_version=1, visibility="public"
        )


def test_a_side_only_funding_cannot_name_the_other_sides_position(
    coproduction, coordinator, office, civil_member
):
    """Else the initiative could never make its position side-only again without being told
    that a funding it cannot see names it (the attack on issue 12 found that refusal)."""
    theirs = make_position(
        coproduction,
        civil_member.user,
        civil_member.partner,
        title="Koordinationsstelle Initiative",
        visibility="coproduction",
        pay="volunteer",
        contract="allowance",
    )
    with pytest.raises(WorkspaceError) as error:
        make_funding(coproduction, coordinator, office, positions=[theirs])
    assert error.value.field == "positions" and "gehört der anderen Seite" in str(error.value)
    # A funding all members see may name it, and then the refusal names what everyone sees.
    make_funding(coproduction, coordinator, office, visibility="coproduction", positions=[theirs])

    other = make_position(
        coproduction,
        civil_member.user,
        civil_member.partner,
        title="Honorarstelle Beratung",
        visibility="coproduction",
        pay="volunteer",
        contract="allowance",
    )
    services.position_update(
        actor=civil_member.user, position=other, expected_version=1, visibility="side"
    )
    other.refresh_from_db()
    assert other.visibility == "side"
