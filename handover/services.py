"""Writes of handovers (card 48): create, change, tick the checklist, sign off.

Every function owns its transaction, checks the version of what it changes and records the
change in the handover's history. Who may edit is checked by the views; the rules here are
those of the domain.
"""

from django.db import transaction
from django.utils import timezone

from handover.models import ChecklistItem, Handover
from history.models import ChangeRecord
from history.services import record_change, reference
from workspaces.concurrency import save_versioned
from workspaces.services import WorkspaceError, create_recorded, delete_recorded, update_recorded
from workspaces.visibility import Visibility, link_refusal, may_link

HANDOVER_FIELDS = [
    "leaving",
    "successor",
    "mandate",
    "overlap_from",
    "overlap_to",
    "note",
    "visibility",
]
SIGNATURES = ["leaving_signed_at", "successor_signed_at"]
# A mandate has no visibility of its own; the history names it through its body, so that a
# reader sees its name only while they may see the body (history.models.ChangeRecord).
RECORDED = [name for name in HANDOVER_FIELDS if name != "mandate"]
DEFAULT_ITEMS = [
    (ChecklistItem.Kind.TASKS, "Offene Aufgaben sind besprochen und übergeben."),
    (
        ChecklistItem.Kind.RELATIONSHIPS,
        "Wichtige Kontakte sind einander vorgestellt (Partner:innen, Ämter, Netzwerke).",
    ),
    (ChecklistItem.Kind.DOCUMENTS, "Dokumente und Ablagen sind übergeben und auffindbar."),
    (
        ChecklistItem.Kind.ACCOUNTS,
        "Zugänge und Konten (Postfächer, Verteiler, Kalender) sind übertragen.",
    ),
]
LEAVING, SUCCESSOR = "leaving", "successor"


def _mandate_ref(handover: Handover):
    mandate = handover.mandate
    if mandate is None:
        return None
    return reference(mandate.body, label=f"{mandate.partner.name} in {mandate.body.name}")


class HandoverError(WorkspaceError):
    """A handover the rules do not allow; ``field`` names the culprit."""


def _check(
    coproduction_id,
    *,
    leaving,
    successor,
    mandate,
    overlap_from,
    overlap_to,
    visibility,
    owner_side,
) -> None:
    if leaving.coproduction_id != coproduction_id:
        raise HandoverError("Diese Person gehört nicht zur Ko-Produktion.", field="leaving")
    if successor.coproduction_id != coproduction_id or successor.left_at is not None:
        raise HandoverError(
            "Die Nachfolge muss Mitglied der Ko-Produktion sein.", field="successor"
        )
    if successor.pk == leaving.pk:
        raise HandoverError(
            "Wer geht, kann nicht an sich selbst übergeben. Wählt die Person, die übernimmt.",
            field="successor",
        )
    if overlap_from and overlap_to and overlap_to < overlap_from:
        raise HandoverError(
            "Die gemeinsame Zeit kann nicht enden, bevor sie beginnt.", field="overlap_to"
        )
    if visibility == Visibility.SIDE:
        for field, person in (("leaving", leaving), ("successor", successor)):
            if person.partner.side != owner_side:
                raise HandoverError(
                    f"{person} gehört nicht zu eurer Seite. Eine Übergabe nur für eure Seite "
                    "findet zwischen Menschen eurer Seite statt; sonst wählt „Alle Mitglieder“.",
                    field=field,
                )
    if mandate is not None:
        if mandate.coproduction_id != coproduction_id or mandate.holder_id != leaving.pk:
            raise HandoverError(
                f"Das Mandat hält nicht {leaving}. Wählt ein Mandat der abgebenden Person.",
                field="mandate",
            )
        if not may_link(mandate.body, visibility=visibility, owner_side=owner_side):
            raise HandoverError(
                link_refusal(
                    mandate.body,
                    "Das Gremium dieses Mandats sieht nur eine Seite. Die Übergabe kann es nur "
                    "nennen, wenn auch sie nur für diese Seite sichtbar ist.",
                ),
                field="mandate",
            )


@transaction.atomic
def handover_create(
    *,
    actor,
    coproduction,
    leaving,
    successor,
    owner_side: str,
    mandate=None,
    overlap_from=None,
    overlap_to=None,
    note: str = "",
    visibility: str = Visibility.COPRODUCTION,
) -> Handover:
    """A handover with the four default checklist items (card 48)."""
    _check(
        coproduction.pk,
        leaving=leaving,
        successor=successor,
        mandate=mandate,
        overlap_from=overlap_from,
        overlap_to=overlap_to,
        visibility=visibility,
        owner_side=owner_side,
    )
    handover = Handover(
        coproduction=coproduction,
        leaving=leaving,
        successor=successor,
        mandate=mandate,
        overlap_from=overlap_from,
        overlap_to=overlap_to,
        note=note,
        visibility=visibility,
        owner_side=owner_side,
        created_by=actor,
    )
    create_recorded(actor, handover, RECORDED, m2m=("mandate", _mandate_ref, lambda h: None))
    ChecklistItem.objects.bulk_create(
        ChecklistItem(handover=handover, kind=kind, text=text) for kind, text in DEFAULT_ITEMS
    )
    return handover


@transaction.atomic
def handover_update(*, actor, handover: Handover, expected_version: int, **values) -> Handover:
    """Change who, when and what; a change after a signature asks both to sign again."""
    if handover.signed:
        raise HandoverError("Diese Übergabe ist von beiden abgezeichnet und bleibt so.")
    merged = {name: values.get(name, getattr(handover, name)) for name in HANDOVER_FIELDS}
    _check(
        handover.coproduction_id,
        leaving=merged["leaving"],
        successor=merged["successor"],
        mandate=merged["mandate"],
        overlap_from=merged["overlap_from"],
        overlap_to=merged["overlap_to"],
        visibility=merged["visibility"],
        owner_side=handover.owner_side,
    )
    stored = Handover.objects.filter(pk=handover.pk).values(*HANDOVER_FIELDS).first() or {}
    changed = any(stored.get(name) != getattr(value, "pk", value) for name, value in values.items())
    if changed:
        values.update(dict.fromkeys(SIGNATURES))
    m2m = ("mandate", _mandate_ref, lambda h: None)
    return update_recorded(
        actor, handover, RECORDED + SIGNATURES, expected_version, values, m2m=m2m
    )


@transaction.atomic
def handover_delete(*, actor, handover: Handover, expected_version: int | None = None) -> None:
    delete_recorded(actor, handover, expected_version)


def _touch(actor, handover: Handover, changes: dict) -> None:
    """A checklist change is a change of the handover: its version moves on (a signature
    given on an older list is not silently kept) and its history tells it."""
    if handover.signed:
        raise HandoverError("Diese Übergabe ist von beiden abgezeichnet und bleibt so.")
    stored = Handover.objects.select_for_update().get(pk=handover.pk)
    signatures = {name: None for name in SIGNATURES if getattr(stored, name)}
    for name, value in signatures.items():
        setattr(handover, name, value)
    save_versioned(handover, expected_version=stored.version, fields=list(signatures))
    if signatures:
        changes = {**changes, **{name: ["ja", None] for name in signatures}}
    record_change(actor=actor, item=handover, action=ChangeRecord.Action.UPDATED, changes=changes)


@transaction.atomic
def checklist_add(*, actor, handover: Handover, text: str) -> ChecklistItem:
    text = text.strip()
    if not text:
        raise HandoverError("Schreibt, was übergeben werden soll.", field="text")
    item = ChecklistItem.objects.create(handover=handover, kind=ChecklistItem.Kind.OWN, text=text)
    _touch(actor, handover, {"Checkliste": [None, text]})
    return item


@transaction.atomic
def checklist_tick(*, actor, item: ChecklistItem, done: bool, expected_version: int):
    """Tick (or untick) one point; someone else's tick meanwhile is not overwritten."""
    item.done = done
    save_versioned(item, expected_version=expected_version, fields=["done"])
    state = ["offen", "erledigt"] if done else ["erledigt", "offen"]
    _touch(actor, item.handover, {item.text: state})
    return item


def signer_role(viewer, handover: Handover) -> str | None:
    """Who ``viewer`` signs as: themselves (the leaving person or the successor) — or, for
    someone who has already left and can no longer sign, a coordinator of their side."""
    membership = viewer.membership
    if membership is None:
        return None
    if membership.pk == handover.successor_id:
        return SUCCESSOR
    if membership.pk == handover.leaving_id:
        return LEAVING
    gone = handover.leaving.left_at is not None
    if gone and viewer.is_coordinator and viewer.side == handover.leaving.partner.side:
        return LEAVING
    return None


@transaction.atomic
def handover_sign(*, actor, viewer, handover: Handover, expected_version: int) -> Handover:
    """Abzeichnen: each of the two confirms the handover; it is done when both have."""
    role = signer_role(viewer, handover)
    if role is None:
        raise HandoverError("Abzeichnen können nur die abgebende Person und die Nachfolge.")
    if handover.items.filter(done=False).exists():
        raise HandoverError(
            "Es sind noch Punkte der Checkliste offen. Hakt sie ab (oder besprecht, warum "
            "sie wegfallen), dann zeichnet ab."
        )
    field = f"{role}_signed_at"
    if getattr(handover, field):
        raise HandoverError("Ihr habt diese Übergabe schon abgezeichnet.")
    return update_recorded(actor, handover, SIGNATURES, expected_version, {field: timezone.now()})
