"""Writes of phase plans, bodies and mandates (cards 40, 41).

Every function owns its transaction, checks the item's version when it changes one, and
records the change in the history. Who may edit is checked by the views; the rules here are
those of the domain.
"""

from django.db import transaction
from django.utils import timezone

from decisions.models import Decision
from history.models import ChangeRecord
from history.services import record_change
from structures.models import Body, Mandate, PhasePlan
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError, create_recorded, delete_recorded, update_recorded
from workspaces.visibility import Visibility, linked_more_widely, owning_side

PHASE_FIELDS = ["joint", "administration_part", "civil_society_part"]
BODY_FIELDS = [
    "name",
    "kind",
    "purpose",
    "meeting_rhythm",
    "decision_procedure",
    "quorum",
    "visibility",
]
MANDATE_FIELDS = [
    "partner",
    "holder",
    "may_decide_alone",
    "needs_consultation",
    "political_office",
    "rotates",
    "started_on",
    "ended_on",
]


class StructureError(WorkspaceError):
    """A change the rules of bodies and mandates do not allow; ``field`` names the culprit."""


# Phase plans (card 40) ---------------------------------------------------------------------


@transaction.atomic
def phase_plans_save(*, actor, coproduction, plans: dict[str, dict]) -> list[PhasePlan]:
    """Save the plan of every phase given: ``plans[phase] = {"version": n, **values}``.

    A phase without a row yet is created (version 0 in the form). All phases are saved or
    none: if someone saved one of them meanwhile, StaleEdit names it and nothing is written.
    """
    stored = {
        plan.phase: plan
        for plan in PhasePlan.objects.select_for_update().filter(coproduction=coproduction)
    }
    saved = []
    for phase in PhasePlan.Phase.values:
        if phase not in plans:
            continue
        values = dict(plans[phase])
        expected = values.pop("version", 0) or 0
        plan = stored.get(phase)
        if plan is None:
            if expected:
                raise WorkspaceError("Diesen Eintrag gibt es nicht mehr. Jemand hat ihn gelöscht.")
            plan = create_recorded(
                actor, PhasePlan(coproduction=coproduction, phase=phase, **values), PHASE_FIELDS
            )
        elif expected != plan.version:
            raise StaleEdit(plan)
        else:
            update_recorded(actor, plan, PHASE_FIELDS, expected, values)
        saved.append(plan)
    return saved


# Bodies (card 41) --------------------------------------------------------------------------


def _member_names(body: Body) -> list[str]:
    return sorted(str(m) for m in body.members.all())


def _check_members(coproduction_id: int, members) -> None:
    for membership in members:
        if membership.coproduction_id != coproduction_id or membership.left_at is not None:
            raise StructureError(
                "Mitglieder eines Gremiums müssen Mitglieder eurer Ko-Produktion sein.",
                field="members",
            )


def _check_side_item(owner_side: str, visibility: str) -> None:
    if visibility == Visibility.SIDE and not owner_side:
        raise StructureError(
            "Ein gemeinsames Gremium gehört keiner Seite allein. Wählt „Alle Mitglieder“ "
            "oder „Öffentlich“.",
            field="visibility",
        )


@transaction.atomic
def body_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    name: str,
    kind: str,
    purpose: str = "",
    meeting_rhythm: str = "",
    decision_procedure: str = "",
    quorum: int | None = None,
    visibility: str | None = None,
    members=(),
) -> Body:
    """A plenary, working group or steering group (card 41). A side-only body (a side's own
    circle) belongs to its side; every other body is joint."""
    visibility = visibility or Visibility.COPRODUCTION
    owner_side = owning_side(owner_side, visibility)
    members = list(members)
    _check_members(coproduction.pk, members)
    return create_recorded(
        actor,
        Body(
            coproduction=coproduction,
            owner_side=owner_side,
            name=name,
            kind=kind,
            purpose=purpose,
            meeting_rhythm=meeting_rhythm,
            decision_procedure=decision_procedure,
            quorum=quorum,
            visibility=visibility,
        ),
        BODY_FIELDS,
        m2m=("members", _member_names, lambda b: b.members.set(members)) if members else None,
    )


@transaction.atomic
def body_update(*, actor, body: Body, expected_version: int, members=None, **values) -> Body:
    visibility = values.get("visibility", body.visibility)
    _check_side_item(body.owner_side, visibility)
    # ``seated_actors``: actors of the register sitting in the body (a domain link).
    naming = [body.meetings.all(), body.decisions.all(), body.seated_actors.all()]
    if any(
        linked_more_widely(rows, visibility=visibility, owner_side=body.owner_side).exists()
        for rows in naming
    ):
        raise StructureError(
            "Treffen, Entscheidungen oder Akteure, die mehr Menschen sehen, nennen dieses "
            "Gremium. Es kann nicht nur für eure Seite sichtbar werden.",
            field="visibility",
        )
    m2m = None
    if members is not None:
        members = list(members)
        _check_members(body.coproduction_id, members)
        m2m = ("members", _member_names, lambda b: b.members.set(members))
    return update_recorded(actor, body, BODY_FIELDS, expected_version, values, m2m=m2m)


def body_delete_refusal(body: Body) -> str:
    """Why a body must stay, or "" when it may go.

    Decisions name the body that took them; deleting it would leave them without one
    (``Decision.body`` is SET_NULL) and falsify the Beschlussbuch. So a body any decision names
    stays. Whoever may delete a body sees every decision that names it: a side-only decision
    names only a body of its own side (decisions.services._check_links).
    """
    decisions = Decision.objects.filter(body=body)
    if decisions.exclude(status=Decision.Status.DRAFT).exists():
        return (
            f"Im Gremium „{body.name}“ wurde schon abgestimmt oder entschieden. Damit das "
            "Beschlussbuch stimmt, bleibt es erhalten. Tagt es nicht mehr, schreibt das unter "
            "„Wozu gibt es das Gremium?“ und beendet seine Mandate."
        )
    if decisions.exists():
        return (
            f"Entscheidungen in Vorbereitung nennen das Gremium „{body.name}“. Ordnet sie "
            "zuerst einem anderen Gremium zu; dann lässt es sich löschen."
        )
    return ""


def body_delete_note(body: Body) -> str:
    """What else goes with the body, for the confirmation page."""
    count = body.mandates.count()
    if not count:
        return ""
    mandates = "sein Mandat" if count == 1 else f"seine {count} Mandate"
    return (
        f"Mit dem Gremium werden auch {mandates} gelöscht, samt früherer "
        "Mandatsträger:innen. Treffen des Gremiums bleiben, ohne Gremium."
    )


@transaction.atomic
def body_delete(*, actor, body: Body, expected_version: int | None = None) -> None:
    """Delete a body entered by mistake, unless decisions name it (``body_delete_refusal``).

    Its mandates go with it, each with its own entry in the history; meetings of the body stay
    and lose the link (SET_NULL). The locked row makes a decision taken meanwhile wait.
    """

    def check(current):
        if refusal := body_delete_refusal(current):
            raise StructureError(refusal)
        for mandate in current.mandates.select_related("body", "partner"):
            record_change(actor=actor, item=mandate, action=ChangeRecord.Action.DELETED)

    delete_recorded(actor, body, expected_version, check=check)


# Mandates (card 41) ------------------------------------------------------------------------


def _check_holder(body: Body, partner, holder) -> None:
    if partner.coproduction_id != body.coproduction_id:
        raise StructureError(
            "Diese Partner:in gehört nicht zu eurer Ko-Produktion.", field="partner"
        )
    if holder.coproduction_id != body.coproduction_id or holder.left_at is not None:
        raise StructureError("Diese Person ist nicht Mitglied der Ko-Produktion.", field="holder")
    if holder.partner_id != partner.pk:
        raise StructureError(
            f"{holder} ist nicht für „{partner.name}“ dabei. Ein Mandat hält eine Person der "
            "Partner:in, die sie vertritt.",
            field="holder",
        )


def _check_dates(started_on, ended_on) -> None:
    if ended_on and started_on and ended_on < started_on:
        raise StructureError("Das Mandat kann nicht enden, bevor es beginnt.", field="ended_on")


@transaction.atomic
def mandate_create(
    *,
    actor,
    body: Body,
    partner,
    holder,
    may_decide_alone: str = "",
    needs_consultation: str = "",
    political_office: bool = False,
    rotates: bool = False,
    started_on=None,
    ended_on=None,
) -> Mandate:
    """Who represents which partner in a body, and how far they may decide alone (card 41)."""
    _check_holder(body, partner, holder)
    started_on = started_on or timezone.localdate()
    _check_dates(started_on, ended_on)
    return create_recorded(
        actor,
        Mandate(
            coproduction_id=body.coproduction_id,
            body=body,
            partner=partner,
            holder=holder,
            may_decide_alone=may_decide_alone,
            needs_consultation=needs_consultation,
            political_office=political_office,
            rotates=rotates,
            started_on=started_on,
            ended_on=ended_on,
            created_by=actor,
        ),
        MANDATE_FIELDS,
    )


@transaction.atomic
def mandate_update(*, actor, mandate: Mandate, expected_version: int, **values) -> Mandate:
    _check_holder(
        mandate.body, values.get("partner", mandate.partner), values.get("holder", mandate.holder)
    )
    _check_dates(
        values.get("started_on", mandate.started_on), values.get("ended_on", mandate.ended_on)
    )
    return update_recorded(actor, mandate, MANDATE_FIELDS, expected_version, values)


@transaction.atomic
def mandate_rotate(
    *, actor, mandate: Mandate, expected_version: int, holder, started_on=None
) -> Mandate:
    """Rotieren: the current holder's mandate ends and the next holder's begins, with the same
    scope. The ended row stays, so the history of who held the mandate is kept (card 41)."""
    if not mandate.current:
        raise StructureError(
            "Dieses Mandat ist schon beendet. Rotieren lässt sich nur ein laufendes Mandat."
        )
    if holder.pk == mandate.holder_id:
        raise StructureError(
            f"{holder} hält das Mandat schon. Wählt die Person, die es übernimmt.", field="holder"
        )
    _check_holder(mandate.body, mandate.partner, holder)
    today = timezone.localdate()
    started_on = started_on or today
    if started_on < mandate.started_on:
        raise StructureError(
            "Die Übergabe kann nicht vor dem Beginn des laufenden Mandats liegen.",
            field="started_on",
        )
    update_recorded(actor, mandate, MANDATE_FIELDS, expected_version, {"ended_on": started_on})
    return mandate_create(
        actor=actor,
        body=mandate.body,
        partner=mandate.partner,
        holder=holder,
        may_decide_alone=mandate.may_decide_alone,
        needs_consultation=mandate.needs_consultation,
        political_office=mandate.political_office,
        rotates=mandate.rotates,
        started_on=started_on,
    )


# Deleting a mandate (for mistakes) ---------------------------------------------------------
#
# Rotation keeps one row per holder: the old row ends on the day the next one starts. Rows are
# taken off that chain only from its newest end, so the history of who held a mandate never
# gets a hole. Decisions name a mandate only in words (``Decision.mandate_note``) and votes
# belong to memberships, so deleting a mandate changes nothing in the Beschlussbuch.


def _same_seat(mandate: Mandate):
    return Mandate.objects.filter(body_id=mandate.body_id, partner_id=mandate.partner_id).exclude(
        pk=mandate.pk
    )


def _successor(mandate: Mandate) -> Mandate | None:
    """The mandate this one was handed over to: same body and partner, begun as it ended."""
    if mandate.ended_on is None:
        return None
    rows = _same_seat(mandate).filter(started_on=mandate.ended_on)
    return rows.select_related("holder__user").first()


def mandate_to_reopen(mandate: Mandate) -> Mandate | None:
    """The mandate handed over to this one, which runs again if this one is deleted.

    Only when the handover is unambiguous: one mandate of the seat ended the day this one
    began, this is the only one that began then, and its holder is still a member.
    """
    predecessors = list(
        _same_seat(mandate).filter(ended_on=mandate.started_on).select_related("holder__user")
    )
    if len(predecessors) != 1:
        return None
    if _same_seat(mandate).filter(started_on=mandate.started_on).exists():
        return None
    predecessor = predecessors[0]
    return predecessor if predecessor.holder.left_at is None else None


def mandate_delete_refusal(mandate: Mandate) -> str:
    successor = _successor(mandate)
    if successor is None:
        return ""
    return (
        f"{mandate.holder} hat dieses Mandat am {mandate.ended_on:%d.%m.%Y} an "
        f"{successor.holder} übergeben. Wer ein Mandat gehalten hat, bleibt in seiner "
        f"Geschichte. War die Übergabe ein Irrtum, löscht zuerst das Mandat von "
        f"{successor.holder}."
    )


def mandate_delete_note(mandate: Mandate) -> str:
    predecessor = mandate_to_reopen(mandate)
    if predecessor is None:
        return ""
    return (
        f"Die Übergabe wird damit rückgängig gemacht: {predecessor.holder} hält das Mandat "
        "wieder, ohne Enddatum."
    )


@transaction.atomic
def mandate_delete(*, actor, mandate: Mandate, expected_version: int | None = None) -> None:
    """Delete a mandate entered by mistake — the newest of its seat only.

    A mandate that was handed over to a successor stays (``mandate_delete_refusal``). Deleting
    a mandate that a handover began undoes that handover: the predecessor runs again
    (``mandate_to_reopen``), recorded in its history.
    """

    def check(current):
        if refusal := mandate_delete_refusal(current):
            raise StructureError(refusal)
        return mandate_to_reopen(current)

    predecessor = delete_recorded(actor, mandate, expected_version, check=check)
    if predecessor is not None:
        update_recorded(actor, predecessor, MANDATE_FIELDS, predecessor.version, {"ended_on": None})
