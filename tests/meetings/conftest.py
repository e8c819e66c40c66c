import pytest

from tests.goals.conftest import (  # noqa: F401 - fixtures shared with the goals tests
    admin_member,
    civil_member,
    coordinator,
    coproduction,
    login,
    outsider,
)

from .helpers import make_meeting


@pytest.fixture
def meeting(coproduction, coordinator):  # noqa: F811 - the fixtures imported above
    return make_meeting(coproduction, coordinator)
