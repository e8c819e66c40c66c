from datetime import date

import pytest

from structures import services as structures
from tests.factories import add_member, make_user
from tests.goals.conftest import (  # noqa: F401 — shared fixtures of the Werkstatt tests
    admin_member,
    civil_member,
    civil_observer,
    coordinator,
    coproduction,
    moderator,
    outsider,
)
from workspaces.models import Membership
from workspaces.visibility import Side


@pytest.fixture
def civil_coordinator(coproduction):  # noqa: F811
    return add_member(
        coproduction,
        make_user("koordination@ini.example"),
        side=Side.CIVIL_SOCIETY,
        access=Membership.Access.COORDINATION,
    )


@pytest.fixture
def civil_successor(coproduction):  # noqa: F811
    return add_member(coproduction, make_user("nachfolge@ini.example"), side=Side.CIVIL_SOCIETY)


def make_body(
    coproduction,  # noqa: F811
    actor,
    *,
    side="civil_society",
    visibility="coproduction",
    name="Plenum",
):
    return structures.body_create(
        actor=actor,
        coproduction=coproduction,
        owner_side=side,
        name=name,
        kind="plenary",
        visibility=visibility,
    )


def make_mandate(body, holder, actor, **fields):
    return structures.mandate_create(
        actor=actor,
        body=body,
        partner=holder.partner,
        holder=holder,
        started_on=date(2026, 1, 1),
        **fields,
    )
