import pytest

from tests.goals.conftest import (  # noqa: F401 — shared fixtures of the Werkstatt tests
    admin_member,
    civil_member,
    coordinator,
    coproduction,
    outsider,
)
from workspaces.models import Membership


@pytest.fixture
def office(coproduction, coordinator):  # noqa: F811 — the fixtures imported above
    """The coordinator's own partner (administration)."""
    return Membership.objects.get(user=coordinator, coproduction=coproduction).partner
