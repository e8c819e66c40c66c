"""Attacks on the Werkstatt search: what a person or a side may no longer be seen by must not
stay findable through the index."""

import pytest

from accounts.services import account_delete
from search import indexing
from search.selectors import search_werkstatt
from tests.factories import add_member, make_coproduction, make_user
from workspaces.models import Coproduction, Membership
from workspaces.selectors import viewer_for
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def test_a_deleted_account_is_not_found_by_name_in_an_ended_coproduction():
    """In an ended co-production the membership stays as it ended (the archive changes no
    more), its person „ehemaliges Mitglied“ once the account is gone — so the search must not
    keep finding the person's name either."""
    coordinator = make_user()
    coproduction = make_coproduction(coordinator)
    bea = make_user("bea@example.org", display_name="Bea Quastenflosser")
    membership = add_member(coproduction, bea, side=Side.CIVIL_SOCIETY)
    indexing.refresh(Membership, membership.pk)
    viewer = viewer_for(coordinator, coproduction)
    assert search_werkstatt(viewer, "Quastenflosser").total == 1
    Coproduction.objects.filter(pk=coproduction.pk).update(stage=Coproduction.Stage.ENDED)

    account_delete(user=bea)

    assert search_werkstatt(viewer, "Quastenflosser").total == 0
