"""Writes of the life cycle: ways of making it permanent, the closing, plans to reach beyond
(cards 34, 36, 37, 38). Every function owns its transaction, checks the version of what it
changes and records the change. Who may edit is checked by the views; in an ended
co-production nothing changes (``workspaces.stage``). The stage itself is changed by
``workspaces.stage.coproduction_stage_change``."""

from django.db import transaction

from lifecycle.models import Closing, ImpactPlan, PermanencePath
from workspaces.services import (
    WorkspaceError,
    create_recorded,
    delete_recorded,
    save_single,
    update_recorded,
)
from workspaces.visibility import Visibility

PATH_FIELDS = ["path", "status", "description", "steps", "money", "staff", "visibility"]
CLOSING_FIELDS = ["reflection", "lessons", "remains", "keepers", "report", "visibility"]
IMPACT_FIELDS = ["way", "title", "description", "level", "actors", "status", "visibility"]


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
    return create_recorded(
        actor,
        PermanencePath(coproduction=coproduction, owner_side="", path=path, **fields),
        PATH_FIELDS,
    )


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
    return save_single(
        actor,
        Closing,
        {"coproduction": coproduction},
        CLOSING_FIELDS,
        expected_version,
        values,
        built={"owner_side": ""},
    )


@transaction.atomic
def impact_create(*, actor, coproduction, owner_side: str, title: str, **fields) -> ImpactPlan:
    """``owner_side`` is the author's side; the plan belongs to it only while side-only."""
    if fields.get("visibility") != Visibility.SIDE:
        owner_side = ""
    return create_recorded(
        actor,
        ImpactPlan(coproduction=coproduction, owner_side=owner_side, title=title, **fields),
        IMPACT_FIELDS,
    )


@transaction.atomic
def impact_update(*, actor, impact: ImpactPlan, expected_version: int, **values):
    _check_side(impact.owner_side, values.get("visibility", impact.visibility))
    return update_recorded(actor, impact, IMPACT_FIELDS, expected_version, values)


@transaction.atomic
def impact_delete(*, actor, impact: ImpactPlan, expected_version: int) -> None:
    delete_recorded(actor, impact, expected_version)
