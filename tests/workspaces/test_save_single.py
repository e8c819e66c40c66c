"""The one item of its kind (conflict agreement, reflection rhythm, closing, a round's
evaluation): the first save creates it, every later save names the version it started from —
a second "first" save written meanwhile is refused, never written over the first."""

import pytest

from conflicts import services as conflict_services
from conflicts.models import ConflictAgreement
from history.models import ChangeRecord
from reflection import services as reflection_services
from reflection.models import ReflectionSettings
from tests.factories import make_coproduction, make_user
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError


@pytest.fixture
def world(db):
    coordinator = make_user()
    return make_coproduction(coordinator), coordinator


def agreement(coproduction, coordinator, text, version=None):
    return conflict_services.conflict_agreement_save(
        actor=coordinator, coproduction=coproduction, text=text, expected_version=version
    )


def rhythm(coproduction, coordinator, months, version=None):
    return reflection_services.settings_save(
        actor=coordinator,
        coproduction=coproduction,
        interval_months=months,
        expected_version=version,
    )


@pytest.mark.parametrize(
    "save, model, first, second",
    [
        (agreement, ConflictAgreement, "Erst reden", "Gleich vermitteln"),
        (rhythm, ReflectionSettings, 3, 6),
    ],
)
def test_a_second_first_save_is_refused_and_a_versioned_one_goes_through(
    world, save, model, first, second
):
    coproduction, coordinator = world
    created = save(coproduction, coordinator, first)
    with pytest.raises(StaleEdit):  # someone else's form that started before the first save
        save(coproduction, coordinator, second)
    with pytest.raises(StaleEdit):  # a form that started from an older version
        save(coproduction, coordinator, second, version=created.version + 1)
    assert model.objects.get().version == created.version
    assert ChangeRecord.objects.filter(object_id=created.pk, action="updated").count() == 0
    save(coproduction, coordinator, second, version=created.version)
    assert model.objects.get().version == created.version + 1


def test_a_versioned_save_of_an_item_that_is_not_there_is_refused(world):
    coproduction, coordinator = world
    with pytest.raises(WorkspaceError):
        agreement(coproduction, coordinator, "Erst reden", version=3)
    assert not ConflictAgreement.objects.exists()
