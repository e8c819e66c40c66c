"""The Check reads the active members as values (``workspaces.checking.Member``), not as model
instances: what the rules read of them is what the memberships say, names included."""

import pytest
from django.utils import timezone

from tests.factories import add_member, make_coproduction, make_user
from workspaces.checking import Context
from workspaces.models import Membership
from workspaces.selectors import viewer_for
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def test_a_member_reads_as_its_membership_says():
    user = make_user()
    coproduction = make_coproduction(user, side=Side.CIVIL_SOCIETY)
    named = add_member(coproduction, side=Side.ADMINISTRATION)
    named.user.display_name = "Vera Amtmann"
    named.user.save(update_fields=["display_name"])
    named.roles, named.availability = ["coordination"], "werktags nach 18 Uhr"
    named.employment = Membership.Employment.VOLUNTEER
    named.save(update_fields=["roles", "availability", "employment"])
    gone = add_member(coproduction)
    gone.left_at = timezone.now()
    gone.save(update_fields=["left_at"])

    members = Context(viewer=viewer_for(user, coproduction), coproduction=coproduction).members
    active = Membership.objects.filter(coproduction=coproduction, left_at__isnull=True)
    assert [
        (m.pk, m.version, m.partner_id, m.partner_side, m.access, m.employment)
        + (m.availability, m.roles, str(m))
        for m in members
    ] == [
        (m.pk, m.version, m.partner_id, m.partner.side, m.access, m.employment)
        + (m.availability, m.roles, str(m))
        for m in active.select_related("user", "partner")  # in the order findings name them
    ]
    assert "Vera Amtmann" in {str(m) for m in members}
