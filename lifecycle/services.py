"""Writes of the life cycle: ways of making it permanent, the closing, plans to reach beyond
(cards 34, 36, 37, 38). Every function owns its transaction, checks the version of what it
changes and records the change. Who may edit is checked by the views; in an ended
co-production nothing changes (``workspaces.stage``). The stage itself is changed by
``workspaces.stage.coproduction_stage_change``."""

from django.db import transaction

from history.models import ChangeRecord
from history.services import record_change, snapshot
from lifecycle.models import Closing, ImpactPlan, PermanencePath
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError, delete_recorded, update_recorded
from workspaces.visibility import Visibility

PATH_FIELDS = ["path", "status", "description", "steps", "money", "staff", "visibility"]
CLOSING_FIELDS = ["reflection", "lessons", "remains", "keepers", "report", "visibility"]
IMPACT_FIELDS = ["way", "title", "description", "level", "actors", "status", "visibility"]


def _created(actor, item, fields):
    changes = {k: [None, v] for k, v in snapshot(item, fields).items() if v}
    record_change(actor=actor, item=item, action=ChangeRecord.Action.CREATED, changes=changes)


def _check_joint(visibility: str) -> None:
    if visibility == Visibility.SIDE:
        raise WorkspaceError(
            "Das betrifft beide Seiten: Wählt „Alle Mitglieder“ oder „Öffentlich“.",
            field="visibility",
        )


def _check_side(owner_side: str, visibility: str) -> None:
    if visibility == Visibility.SIDE and not owner_side:
        raise WorkspaceError(
            "Ein gemeinsames Vorhaben gehört keiner Seite allein. Wählt „Alle Mitglieder“.",
            field="visibility",
        )


@transaction.atomic
def path_create(*, actor, coproduction, path: str, **fields) -> PermanencePath:
    _check_joint(fields.get("visibility", Visibility.COPRODUCTION))
    item = PermanencePath.objects.create(
        coproduction=coproduction, owner_side="", path=path, **fields
    )
    _created(actor, item, PATH_FIELDS)
    return item


@transaction.atomic
def path_update(*, actor, permanence_path: PermanencePath, expected_version: int, **values):
    _check_joint(values.get("visibility", permanence_path.visibility))
    return update_recorded(actor, permanence_path, PATH_FIELDS, expected_version, values)


@transaction.atomic
def path_delete(*, actor, permanence_path: PermanencePath, expected_version: int) -> None:
    delete_recorded(actor, permanence_path, expected_version)


@transaction.atomic
def closing_save(*, actor, coproduction, expected_version: int | None, **values) -> Closing:
    """The one closing of a co-production: created on first save, then edited (versioned)."""
    _check_joint(values.get("visibility", Visibility.COPRODUCTION))
    current = Closing.objects.select_for_update().filter(coproduction=coproduction).first()
    if current is None:
        if expected_version is not None:
            raise WorkspaceError("Diesen Eintrag gibt es nicht mehr. Jemand hat ihn gelöscht.")
        closing = Closing.objects.create(coproduction=coproduction, owner_side="", **values)
        _created(actor, closing, CLOSING_FIELDS)
        return closing
    if expected_version is None:
        raise StaleEdit(current)  # someone wrote the first closing meanwhile
    return update_recorded(actor, current, CLOSING_FIELDS, expected_version, values)


@transaction.atomic
def impact_create(*, actor, coproduction, owner_side: str, title: str, **fields) -> ImpactPlan:
    """``owner_side`` is the author's side; the plan belongs to it only while side-only."""
    if fields.get("visibility") != Visibility.SIDE:
        owner_side = ""
    item = ImpactPlan.objects.create(
        coproduction=coproduction, owner_side=owner_side, title=title, **fields
    )
    _created(actor, item, IMPACT_FIELDS)
    return item


@transaction.atomic
def impact_update(*, actor, impact: ImpactPlan, expected_version: int, **values):
    _check_side(impact.owner_side, values.get("visibility", impact.visibility))
    return update_recorded(actor, impact, IMPACT_FIELDS, expected_version, values)


@transaction.atomic
def impact_delete(*, actor, impact: ImpactPlan, expected_version: int) -> None:
    delete_recorded(actor, impact, expected_version)
