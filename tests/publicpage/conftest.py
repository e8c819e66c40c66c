import pytest

from tests.factories import make_coproduction, make_user


@pytest.fixture
def coordinator(db):
    return make_user("koordination@initiative.example")


@pytest.fixture
def coproduction(coordinator):
    return make_coproduction(coordinator, name="Ernährungsrat Musterstadt", side="civil_society")
