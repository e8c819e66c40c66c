"""Leaving with a handover (card 48): what a person holds and who takes each over.

A member who leaves may hold mandates (structures), stewardships of joint goals and
responsibility for open milestones (goals). Before the membership ends, the leave page asks
who takes over each — or leaves it open, and the Kompass-Check then names it.

What the acting viewer may not see is neither listed nor hinted at (no count, no name): it
stays with the person who left, and the existing Check rules (structures.mandate-former-member,
goals.former-members) name it to the side that sees it, which hands it over itself. The page
says so to anyone ending a membership of the other side.
"""

from dataclasses import dataclass, field

from django.db import transaction

from goals import services as goals
from goals.models import Goal, Milestone
from handover.services import handover_create
from structures import services as structures
from structures.models import Body, Mandate
from workspaces.rules import allowed
from workspaces.services import membership_leave
from workspaces.visibility import Visibility

OPEN_MILESTONES = [Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS]


@dataclass
class Held:
    """One thing the person holds: its key in the form, what it is, who may take it over."""

    key: str
    kind: str
    item: object
    label: str
    may_edit: bool
    candidates: list = field(default_factory=list)


def _sees(member, item) -> bool:
    return item.visibility != Visibility.SIDE or member.partner.side == item.owner_side


def held_by(viewer, membership, members: list) -> list[Held]:
    """What ``membership`` holds that ``viewer`` may see, each with the active members who
    could take it over (``members``: the co-production's active members, read once)."""
    others = [m for m in members if m.pk != membership.pk]
    bodies = Body.objects.visible_to(viewer)
    mandates = (
        Mandate.objects.filter(body__in=bodies, holder=membership, ended_on__isnull=True)
        .select_related("body", "partner")
        .order_by("body__name", "pk")
    )
    stewardships = Goal.objects.visible_to(viewer).filter(kind=Goal.Kind.JOINT, steward=membership)
    milestones = Milestone.objects.visible_to(viewer).filter(
        responsible=membership, status__in=OPEN_MILESTONES
    )
    held = [
        Held(
            key=f"mandate-{m.pk}",
            kind="Mandat",
            item=m,
            label=f"{m.partner.name} in {m.body.name}",
            may_edit=allowed(viewer.user, "workspaces.edit_item", viewer, m.body),
            candidates=[o for o in others if o.partner_id == m.partner_id],
        )
        for m in mandates
    ]
    for kind, prefix, rows, label in (
        ("Ziel im Blick behalten", "goal", stewardships.order_by("title", "pk"), "title"),
        ("Meilenstein verantworten", "milestone", milestones.order_by("due_date", "pk"), "title"),
    ):
        held += [
            Held(
                key=f"{prefix}-{row.pk}",
                kind=kind,
                item=row,
                label=getattr(row, label),
                may_edit=allowed(viewer.user, "workspaces.edit_item", viewer, row),
                candidates=[o for o in others if _sees(o, row)],
            )
            for row in rows
        ]
    return held


def _hand_over(actor, entry: Held, successor, version: int) -> None:
    item = entry.item
    if isinstance(item, Mandate):
        structures.mandate_rotate(
            actor=actor, mandate=item, expected_version=version, holder=successor
        )
    elif isinstance(item, Goal):
        goals.goal_update(actor=actor, goal=item, expected_version=version, steward=successor)
    else:
        goals.milestone_update(
            actor=actor, milestone=item, expected_version=version, responsible=successor
        )


@transaction.atomic
def leave_and_hand_over(
    *, actor, coproduction, membership, choices: list, handover_to=None
) -> None:
    """All or nothing: each item to its chosen successor (``choices``: triples of Held,
    successor or None, version), a handover with its checklist to ``handover_to`` if named,
    then the membership ends. A version that moved on stops everything (StaleEdit)."""
    for entry, successor, version in choices:
        if successor is not None and entry.may_edit:
            _hand_over(actor, entry, successor, version)
    if handover_to is not None:
        handover_create(
            actor=actor,
            coproduction=coproduction,
            leaving=membership,
            successor=handover_to,
            owner_side=membership.partner.side,
        )
    membership_leave(actor=actor, membership=membership)
