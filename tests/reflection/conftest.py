import pytest

from tests.goals.conftest import (  # noqa: F401 — shared fixtures of the Werkstatt tests
    admin_member,
    civil_member,
    coordinator,
    coproduction,
    moderator,
    outsider,
)
from workspaces.models import Membership
from workspaces.visibility import Side

from .helpers import members, open_round


@pytest.fixture
def round_(coproduction, coordinator):  # noqa: F811 — imported above
    return open_round(coproduction, coordinator)


@pytest.fixture
def admins(coproduction):  # noqa: F811
    """The coordinator's side (administration) plus two more: three in all."""
    return [
        Membership.objects.get(coproduction=coproduction, partner__side=Side.ADMINISTRATION),
        *members(coproduction, Side.ADMINISTRATION, 2),
    ]


@pytest.fixture
def civils(coproduction):  # noqa: F811
    return members(coproduction, Side.CIVIL_SOCIETY, 3)
