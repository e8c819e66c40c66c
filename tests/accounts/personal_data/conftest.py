"""The person and the co-production the personal-data tests share: Ada and Bea on the
civil-society side of a co-production Konrad coordinates."""

import pytest

from tests import factories
from workspaces.visibility import Side


@pytest.fixture
def coordinator():
    return factories.make_user("koordination@amt.example", display_name="Konrad Koordination")


@pytest.fixture
def coproduction(coordinator):
    return factories.make_coproduction(coordinator, name="Ernährungsstrategie Musterstadt")


@pytest.fixture
def ada(coproduction):
    """A civil-society member of the co-production."""
    user = factories.make_user("ada@example.org", display_name="Ada Lovelace")
    return factories.add_member(coproduction, user, side=Side.CIVIL_SOCIETY)


@pytest.fixture
def bea(coproduction):
    user = factories.make_user("bea@example.org", display_name="Bea Beispiel")
    return factories.add_member(coproduction, user, side=Side.CIVIL_SOCIETY)
