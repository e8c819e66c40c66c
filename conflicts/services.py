"""Writes of the conflict register (cards 24, 43, 49, 33).

Every function owns its transaction, checks the item's version when it changes one, and
records the change in the history. Who may edit is checked by the views.
"""

from django.db import transaction

from conflicts.models import Conflict, ConflictAgreement
from workspaces.services import (
    WorkspaceError,
    create_recorded,
    delete_recorded,
    save_single,
    update_recorded,
)
from workspaces.visibility import (
    Visibility,
    link_refusal,
    linked_more_widely,
    may_link,
    owning_side,
)

CONFLICT_FIELDS = [
    "title",
    "administration_position",
    "civil_society_position",
    "external_obstacles",
    "status",
    "steps",
    "external_support",
    "resolution",
    "resolved_by",
    "visibility",
]


class ConflictError(WorkspaceError):
    """A change the rules of the conflict register do not allow."""


def _check_visibility(owner_side: str, visibility: str) -> None:
    if visibility == Visibility.PUBLIC:
        raise ConflictError(
            "Konflikte erscheinen nicht auf der öffentlichen Seite. Wählt „Nur unsere Seite“ "
            "oder „Alle Mitglieder“.",
            field="visibility",
        )
    if visibility == Visibility.SIDE and not owner_side:
        raise ConflictError(
            "Ein gemeinsamer Konflikt gehört keiner Seite allein. Wählt „Alle Mitglieder“.",
            field="visibility",
        )


def _check_resolution(coproduction_id: int, values: dict, owner_side: str) -> None:
    decision = values.get("resolved_by")
    if values.get("status") == Conflict.Status.RESOLVED and not (
        values.get("resolution", "").strip() or decision
    ):
        raise ConflictError(
            "Ein gelöster Konflikt braucht eine Lösung: Beschreibt sie oder wählt die "
            "Entscheidung, die ihn beigelegt hat.",
            field="resolution",
        )
    if decision is None:
        return
    if decision.coproduction_id != coproduction_id:
        raise ConflictError(
            "Diese Entscheidung gehört nicht zu eurer Ko-Produktion.", field="resolved_by"
        )
    # A conflict seen by more people than its decision would reveal the decision's question.
    if not may_link(decision, visibility=values.get("visibility"), owner_side=owner_side):
        raise ConflictError(
            link_refusal(
                decision,
                "Diese Entscheidung sieht nur eine Seite. Wählt eine Entscheidung, die alle sehen, "
                "oder macht den Konflikt auch nur für eure Seite sichtbar.",
            ),
            field="resolved_by",
        )


@transaction.atomic
def conflict_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    title: str,
    visibility: str | None = None,
    **values,
) -> Conflict:
    """Enter a disputed point (card 43). A side-only conflict is a side's internal note of a
    dispute and belongs to that side; every other conflict is joint."""
    visibility = visibility or Visibility.COPRODUCTION
    owner_side = owning_side(owner_side, visibility)
    _check_visibility(owner_side, visibility)
    values = {"status": Conflict.Status.OPEN, **values}
    _check_resolution(coproduction.pk, {**values, "visibility": visibility}, owner_side)
    return create_recorded(
        actor,
        Conflict(
            coproduction=coproduction,
            owner_side=owner_side,
            title=title,
            visibility=visibility,
            **values,
        ),
        CONFLICT_FIELDS,
    )


@transaction.atomic
def conflict_update(*, actor, conflict: Conflict, expected_version: int, **values) -> Conflict:
    merged = {name: values.get(name, getattr(conflict, name)) for name in CONFLICT_FIELDS}
    _check_visibility(conflict.owner_side, merged["visibility"])
    _check_resolution(conflict.coproduction_id, merged, conflict.owner_side)
    if linked_more_widely(
        conflict.agenda_items.all(),
        visibility=merged["visibility"],
        owner_side=conflict.owner_side,
        via="meeting__",
    ).exists():
        raise ConflictError(
            "Dieser Konflikt steht auf der Tagesordnung eines Treffens, das mehr Menschen sehen. "
            "Nehmt ihn dort erst herunter, bevor ihn nur eure Seite sieht.",
            field="visibility",
        )
    return update_recorded(actor, conflict, CONFLICT_FIELDS, expected_version, values)


def conflict_delete_refusal(conflict: Conflict) -> str:
    """Why a conflict must stay in the register, or "" when it may go.

    A conflict a decision settled documents why that decision was taken (card 43); it stays
    while it names the decision. If the link was a mistake, removing it first is a change
    of its own, recorded in the history.
    """
    if conflict.resolved_by_id is None:
        return ""
    return (
        "Diesen Konflikt hat eine Entscheidung beigelegt; als Nachweis dazu bleibt er im "
        "Register. War die Verknüpfung ein Irrtum, nehmt die Entscheidung unter „Entschieden "
        "durch“ heraus; dann lässt sich der Konflikt löschen."
    )


@transaction.atomic
def conflict_delete(*, actor, conflict: Conflict, expected_version: int | None = None) -> None:
    """Delete a conflict entered by mistake, unless a decision settled it.

    Agenda items that named it keep their own title and lose the link (SET_NULL).
    """

    def check(current):
        if refusal := conflict_delete_refusal(current):
            raise ConflictError(refusal)

    delete_recorded(actor, conflict, expected_version, check=check)


@transaction.atomic
def conflict_agreement_save(
    *, actor, coproduction, text: str, expected_version: int | None = None
) -> ConflictAgreement:
    """Agree (or change) how the partners handle conflicts (cards 43, 24). The first save
    creates the agreement; later ones check its version like every other edit."""
    return save_single(
        actor,
        ConflictAgreement,
        {"coproduction": coproduction},
        ["text"],
        expected_version,
        {"text": text},
        keep=["text"],
    )
