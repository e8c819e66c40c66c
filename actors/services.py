"""Writes of the register of further actors (cards 47, 38, 28, 23, 49).

Every function owns its transaction, checks the item's version when it changes one, and
records the change in the history — contact data only as „geändert“, never its value: the
history is read by everyone who sees the actor, contact data is not (models.Actor).
"""

from django.db import transaction

from actors.models import Actor, ActorRelation
from history.models import ChangeRecord
from history.services import diff, record_change, snapshot
from workspaces.concurrency import save_versioned
from workspaces.models import Partner
from workspaces.services import WorkspaceError, create_recorded, delete_recorded
from workspaces.visibility import Visibility, link_refusal, may_link, owning_side

ACTOR_FIELDS = [
    "name",
    "kind",
    "role",
    "scope",
    "why_join",
    "approached_by",
    "channel",
    "channel_owner",
    "tasks",
    "seat",
    "body",
    "may_decide",
    "dependencies",
    "closeness",
    "influence",
    "contact_person",
    "contact_email",
    "contact_phone",
    "contact_public",
    "visibility",
]
CONTACT_FIELDS = ["contact_person", "contact_email", "contact_phone"]
# What the history keeps of a contact field that changed.
CONTACT_CHANGED = "(geändert – Kontaktdaten stehen nicht in der Chronik)"


class ActorError(WorkspaceError):
    """A change the rules of the register do not allow."""


def _check(coproduction_id: int, owner_side: str, values: dict) -> None:
    if values["visibility"] == Visibility.SIDE and not owner_side:
        raise ActorError(
            "Ein gemeinsamer Eintrag gehört keiner Seite allein. Wählt „Alle Mitglieder“ "
            "oder „Öffentlich“.",
            field="visibility",
        )
    for name in ("approached_by", "channel_owner"):
        member = values.get(name)
        if member is not None and (
            member.coproduction_id != coproduction_id or member.left_at is not None
        ):
            raise ActorError("Diese Person ist kein Mitglied eurer Ko-Produktion.", field=name)
    body = values.get("body")
    if body is None:
        return
    if body.coproduction_id != coproduction_id:
        raise ActorError("Dieses Gremium gehört nicht zu eurer Ko-Produktion.", field="body")
    if not may_link(body, visibility=values["visibility"], owner_side=owner_side):
        raise ActorError(
            link_refusal(
                body,
                "Dieses Gremium sieht nur eine Seite. Wählt ein Gremium, das alle sehen, oder "
                "macht den Eintrag auch nur für eure Seite sichtbar.",
            ),
            field="body",
        )


def _relation_lines(actor: Actor) -> list[str]:
    rows = ActorRelation.objects.filter(actor=actor).select_related("partner")
    return [
        f"{r.partner.name}: {r.get_closeness_display()}" + (f" – {r.text}" if r.text else "")
        for r in rows
    ]


def _write_relations(actor: Actor, relations: dict) -> None:
    """``relations``: partner id -> (text, closeness); a partner given without closeness has
    no relation (any it had goes)."""
    partners = set(
        Partner.objects.filter(
            coproduction_id=actor.coproduction_id, pk__in=list(relations)
        ).values_list("pk", flat=True)
    )
    # Only the partners the form spoke of: a relation to a partner who has left stays on record.
    ActorRelation.objects.filter(actor=actor, partner_id__in=list(relations)).delete()
    ActorRelation.objects.bulk_create(
        ActorRelation(actor=actor, partner_id=pk, text=text.strip(), closeness=closeness)
        for pk, (text, closeness) in sorted(relations.items())
        if pk in partners and closeness
    )


@transaction.atomic
def actor_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    name: str,
    kind: str,
    visibility: str | None = None,
    relations: dict | None = None,
    **values,
) -> Actor:
    """Enter a further actor (card 47). Side-only by default: a side notes whom it wants to
    win before it shares its view of them (closeness, influence) with the other side; a
    side-only entry belongs to that side, every other one is joint."""
    visibility = visibility or Visibility.SIDE
    owner_side = owning_side(owner_side, visibility)
    _check(coproduction.pk, owner_side, {**values, "visibility": visibility})
    item = Actor(
        coproduction=coproduction,
        owner_side=owner_side,
        name=name,
        kind=kind,
        visibility=visibility,
        **values,
    )
    return create_recorded(
        actor,
        item,
        ACTOR_FIELDS,
        more={name: CONTACT_CHANGED for name in CONTACT_FIELDS if getattr(item, name)},
        m2m=("relations", _relation_lines, lambda a: _write_relations(a, relations))
        if relations
        else None,
        keep=["relations"],  # the form always asks for them: "none" is said, too
    )


@transaction.atomic
def actor_update(
    *, actor, item: Actor, expected_version: int, relations: dict | None = None, **values
) -> Actor:
    stored = Actor.objects.select_for_update().filter(pk=item.pk).first()
    if stored is None:
        raise WorkspaceError("Diesen Eintrag gibt es nicht mehr. Jemand hat ihn gelöscht.")
    merged = {name: values.get(name, getattr(stored, name)) for name in ACTOR_FIELDS}
    for name in ("approached_by", "channel_owner"):
        if merged[name] == getattr(stored, name):
            merged[name] = None  # kept as it was, even if that member has left since
    _check(stored.coproduction_id, stored.owner_side, merged)
    before = snapshot(stored, ACTOR_FIELDS)
    for name, value in values.items():
        setattr(item, name, value)
    save_versioned(item, expected_version=expected_version, fields=list(values))
    after = snapshot(item, ACTOR_FIELDS)
    changes = diff(before, after)
    for name in CONTACT_FIELDS:
        if name in changes:
            changes[name] = [None, CONTACT_CHANGED]
    if relations is not None:
        old = _relation_lines(stored)
        _write_relations(item, relations)
        new = _relation_lines(item)
        if old != new:
            changes["relations"] = [old, new]
    if changes:
        record_change(actor=actor, item=item, action=ChangeRecord.Action.UPDATED, changes=changes)
    return item


@transaction.atomic
def actor_delete(*, actor, item: Actor, expected_version: int | None = None) -> None:
    """Remove an actor entered by mistake or no longer relevant; its relations go with it."""
    delete_recorded(actor, item, expected_version)
