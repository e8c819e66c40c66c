"""workspaces.services.create_recorded: the one way a service creates a recorded item."""

import pytest

from history.models import ChangeRecord
from history.services import history_for
from structures.models import Body
from workspaces.models import Coproduction, Membership
from workspaces.services import WorkspaceError, create_recorded

pytestmark = pytest.mark.django_db


def members_of(body):
    return sorted(m.user.email for m in body.members.all())


def body(coproduction, **values):
    return Body(
        coproduction=coproduction,
        name="Steuerungsrunde",
        kind="steering",
        visibility="coproduction",
        **values,
    )


def test_saves_and_records_what_the_item_was_created_with(coproduction, coordinator):
    item = create_recorded(
        coordinator, body(coproduction, purpose=""), ["name", "purpose", "quorum", "visibility"]
    )
    assert Body.objects.filter(pk=item.pk).exists()
    (entry,) = history_for(item)
    assert entry.action == ChangeRecord.Action.CREATED
    assert entry.actor == coordinator
    assert entry.coproduction_id == coproduction.pk
    # Empty fields say nothing and are left out.
    assert entry.changes == {
        "name": [None, "Steuerungsrunde"],
        "visibility": [None, "coproduction"],
    }


def test_a_model_with_values_more_and_keep(coproduction, coordinator):
    item = create_recorded(
        coordinator,
        Body,
        ["name", "purpose"],
        {"coproduction": coproduction, "name": "Plenum", "kind": "plenary"},
        more={"name": "Das Plenum", "note": "aus der Vorlage"},
        keep=["purpose"],
    )
    assert item.pk and item.name == "Plenum"
    (entry,) = history_for(item)
    # ``more`` replaces how a field is shown; ``keep`` keeps an empty field. (No order: a
    # JSON object on PostgreSQL keeps none.)
    assert set(entry.changes) == {"name", "purpose", "note"}
    assert entry.changes["name"] == [None, "Das Plenum"]
    assert entry.changes["purpose"] == [None, ""]


def test_m2m_written_after_the_save_and_recorded_in_the_same_entry(
    coproduction, coordinator, official
):
    mine = Membership.objects.get(coproduction=coproduction, user=coordinator)
    people = [mine, official]
    item = create_recorded(
        coordinator,
        body(coproduction),
        ["name"],
        m2m=[
            ("members", members_of, lambda b: b.members.set(people)),
            ("count", lambda b: b.members.count(), lambda b: None),
        ],
    )
    assert set(item.members.all()) == set(people)
    (entry,) = history_for(item)
    assert entry.changes["members"] == [None, sorted([coordinator.email, official.user.email])]
    assert entry.changes["count"] == [None, 2]


def test_refused_in_an_ended_coproduction_and_nothing_stays(coproduction, coordinator, official):
    Coproduction.objects.filter(pk=coproduction.pk).update(stage=Coproduction.Stage.ENDED)
    before = ChangeRecord.objects.count()
    with pytest.raises(WorkspaceError, match="beendet"):
        create_recorded(
            coordinator,
            body(coproduction),
            ["name"],
            m2m=("members", members_of, lambda b: b.members.set([official])),
        )
    # The caller caught the refusal and its own transaction goes on: the row, its relations
    # and any history entry are rolled back all the same.
    assert not Body.objects.filter(coproduction=coproduction).exists()
    assert not Body.members.through.objects.exists()
    assert ChangeRecord.objects.count() == before
