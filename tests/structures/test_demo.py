import pytest

from conflicts.demo import add_demo as add_conflicts
from conflicts.models import Conflict
from structures.demo import add_demo as add_structures
from structures.models import Body, Mandate, PhasePlan
from tests.factories import add_member, make_coproduction, make_user
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def test_the_demo_has_phases_bodies_rotated_mandates_and_conflicts_in_several_states():
    founder = make_user("ini@demo.example")
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY)
    members = {
        "initiative": Membership.objects.get(user=founder),
        "verwaltung": add_member(coproduction, side=Side.ADMINISTRATION),
        "moderation": add_member(coproduction, side=Side.EXTERNAL),
    }

    add_structures(coproduction, members)
    add_conflicts(coproduction, members)

    assert PhasePlan.objects.filter(coproduction=coproduction).count() == 5
    assert {"plenary", "working_group"} <= set(Body.objects.values_list("kind", flat=True))
    assert Mandate.objects.filter(ended_on__isnull=False).exists()
    statuses = set(Conflict.objects.values_list("status", flat=True))
    assert {"open", "moderation", "resolved", "parked"} <= statuses
    for model in (Body, Conflict):
        sides = set(model.objects.filter(visibility="side").values_list("owner_side", flat=True))
        assert sides == {Side.CIVIL_SOCIETY, Side.ADMINISTRATION}
