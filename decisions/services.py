"""Writes of decisions: prepare, record a meeting's decision, supersede (cards 42, 17, 28).
The vote itself — opening it, casting, counting and closing — is in ``decisions.voting``.

A decided decision is a record: nothing here edits it. It can only be superseded by a new
decision that names it and gives a reason. Every function owns its transaction and records
the change in the history; permission (who may do it) is checked by the views, the rules of
the domain here.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from decisions import tallies
from decisions.models import Decision, Option
from history.models import ChangeRecord
from history.services import record_change, reference, snapshot
from workspaces.models import Coproduction
from workspaces.services import WorkspaceError, create_recorded, update_recorded
from workspaces.visibility import (
    Visibility,
    link_refusal,
    linked_more_widely,
    may_link,
    owning_side,
)

DECISION_FIELDS = [
    "question",
    "background",
    "prepared_by",
    "body",
    "mandate_note",
    "procedure",
    "quorum",
    "abstentions",
    "meeting",
    "visibility",
]


PASSIVE_LABEL = "Passivlösung: Alles bleibt, wie es ist"


class DecisionError(WorkspaceError):
    """A change the rules of decisions do not allow; ``field`` names the culprit."""


def _check_links(coproduction, *, visibility, owner_side, body=None, meeting=None, goals=()):
    """Linked items belong to this co-production, and one seen by fewer people than the
    decision would leak its title (as goals do with milestones); nor may a joint body learn of
    a side's decision."""
    for item, field in [(body, "body"), (meeting, "meeting"), *[(g, "goals") for g in goals]]:
        if item is None:
            continue
        if item.coproduction_id != coproduction.pk:
            raise DecisionError("Das gehört nicht zu eurer Ko-Produktion.", field=field)
        if not may_link(item, visibility=visibility, owner_side=owner_side):
            raise DecisionError(
                link_refusal(
                    item,
                    f"„{item}“ sieht nur eine Seite. Verknüpft es nur mit einer Entscheidung, "
                    "die auch nur diese Seite sieht.",
                ),
                field=field,
            )
    # A joint body is edited (and could be deleted) by both sides, and what it decided must be
    # seen by all who see it: a side-only decision is taken in a body of its own side.
    if body is not None and visibility == Visibility.SIDE and body.owner_side != owner_side:
        raise DecisionError(
            f"„{body}“ ist ein gemeinsames Gremium. Eine Entscheidung, die nur eure Seite sieht, "
            "trifft ein Gremium eurer Seite – oder lasst das Feld leer.",
            field="body",
        )


def _check_replacement(old: Decision | None, *, visibility: str, owner_side: str) -> None:
    """A replacing decision is at least as visible as the one it replaces: the old decision
    names it ("Ersetzt durch …") to everyone who sees the old one."""
    replacement = Decision(visibility=visibility, owner_side=owner_side)
    if old is not None and not may_link(
        replacement, visibility=old.visibility, owner_side=old.owner_side
    ):
        raise DecisionError(
            "Die Entscheidung, die ersetzt wird, sehen mehr Menschen. Die neue muss mindestens "
            "für alle sichtbar sein, die die alte sehen.",
            field="visibility",
        )


def _check_narrowing(decision: Decision, *, visibility: str) -> None:
    """A draft becomes side-only only while no conflict or knowledge item seen more widely
    names it."""
    for rows, what in [
        (decision.resolved_conflicts.all(), "Konflikte"),
        (decision.knowledge_items.all(), "Einträge im Wissensarchiv"),
    ]:
        if linked_more_widely(rows, visibility=visibility, owner_side=decision.owner_side).exists():
            raise DecisionError(
                f"{what}, die mehr Menschen sehen, nennen diese Entscheidung. Sie kann nicht "
                "nur für eine Seite sichtbar werden.",
                field="visibility",
            )


def _check_prepared_by(coproduction, prepared_by) -> None:
    if prepared_by is not None and prepared_by.coproduction_id != coproduction.pk:
        raise DecisionError(
            "Diese Person ist nicht Mitglied der Ko-Produktion.", field="prepared_by"
        )


def _clean_options(procedure: str, options) -> list[str]:
    labels = [label.strip() for label in options or () if label.strip()]
    if procedure != Decision.Procedure.SYSTEMIC:
        return []
    if not labels:
        raise DecisionError(
            "Systemisches Konsensieren braucht mindestens eine Option neben der Passivlösung.",
            field="options",
        )
    if len(set(labels)) != len(labels):
        raise DecisionError("Jede Option nur einmal, bitte.", field="options")
    return labels


def _write_options(decision: Decision, labels: list[str]) -> None:
    decision.options.all().delete()
    if decision.procedure != Decision.Procedure.SYSTEMIC:
        return
    Option.objects.bulk_create(
        [Option(decision=decision, label=label, position=i) for i, label in enumerate(labels)]
        + [Option(decision=decision, label=PASSIVE_LABEL, passive=True, position=len(labels))]
    )


def _option_labels(decision: Decision) -> list[str]:
    return [o.label for o in decision.options.all()]


def _goal_titles(decision: Decision) -> list[dict]:
    return [reference(g) for g in sorted(decision.goals.all(), key=lambda g: (g.title, g.pk))]


def require_draft(decision: Decision) -> None:
    stored = Decision.objects.get(pk=decision.pk)
    if stored.status != Decision.Status.DRAFT:
        raise DecisionError(
            f"Diese Entscheidung ist „{stored.get_status_display()}“ und lässt sich nicht mehr "
            "ändern. Eine getroffene Entscheidung ersetzt ihr durch eine neue."
        )


def _next_number(coproduction, visibility: str) -> int | None:
    """The next Nr. of the co-production's Beschlussbuch, or None for a side-only decision:
    only what all members see is counted, so the numbers they see have no gaps. Locking the
    co-production's row makes simultaneous creations wait for each other on PostgreSQL;
    SQLite's IMMEDIATE transactions already let only one writer in. The unique constraint
    stays the last guard."""
    if visibility == Visibility.SIDE:
        return None
    Coproduction.objects.select_for_update().filter(pk=coproduction.pk).values("pk").first()
    top = Decision.objects.filter(coproduction=coproduction).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@transaction.atomic
def decision_create(
    *,
    actor,
    coproduction,
    question: str,
    procedure: str,
    owner_side: str = "",
    visibility: str | None = None,
    background: str = "",
    prepared_by=None,
    body=None,
    mandate_note: str = "",
    quorum: int = 0,
    abstentions: str = Decision.Abstentions.IGNORED,
    meeting=None,
    goals=(),
    options=(),
    supersedes: Decision | None = None,
    supersede_reason: str = "",
) -> Decision:
    """A decision in preparation (draft). Side-only drafts belong to their side; all others
    are joint. Systemic consensing always gets the passive option as well."""
    visibility = visibility or Visibility.COPRODUCTION
    owner_side = owning_side(owner_side, visibility)
    if visibility == Visibility.SIDE and not owner_side:
        raise DecisionError("Eine Entscheidung nur für eine Seite braucht diese Seite.")
    goals = list(goals)
    _check_links(
        coproduction,
        visibility=visibility,
        owner_side=owner_side,
        body=body,
        meeting=meeting,
        goals=goals,
    )
    _check_replacement(supersedes, visibility=visibility, owner_side=owner_side)
    _check_prepared_by(coproduction, prepared_by)
    labels = _clean_options(procedure, options)
    decision = Decision(
        coproduction=coproduction,
        number=_next_number(coproduction, visibility),
        question=question,
        background=background,
        prepared_by=prepared_by,
        body=body,
        mandate_note=mandate_note,
        procedure=procedure,
        quorum=quorum,
        abstentions=abstentions,
        meeting=meeting,
        visibility=visibility,
        owner_side=owner_side,
        supersedes=supersedes,
        supersede_reason=supersede_reason,
        created_by=actor,
    )
    more = {}
    if supersedes is not None:
        more = {"supersedes": reference(supersedes), "supersede_reason": supersede_reason}
    return create_recorded(
        actor,
        decision,
        DECISION_FIELDS,
        m2m=[
            ("options", _option_labels, lambda d: _write_options(d, labels)),
            ("goals", _goal_titles, lambda d: d.goals.set(goals) if goals else None),
        ],
        more=more,
    )


@transaction.atomic
def decision_update(
    *, actor, decision: Decision, expected_version: int, goals=None, options=None, **values
) -> Decision:
    """Change a draft — never a decision that is being voted on or was decided."""
    require_draft(decision)
    visibility = values.get("visibility", decision.visibility)
    if visibility == Visibility.SIDE and not decision.owner_side:
        raise DecisionError(
            "Eine gemeinsame Entscheidung gehört keiner Seite allein. Wählt „Alle Mitglieder“ "
            "oder „Öffentlich“.",
            field="visibility",
        )
    stored = Decision.objects.get(pk=decision.pk)
    _check_narrowing(stored, visibility=visibility)
    goals = list(goals) if goals is not None else list(decision.goals.all())
    _check_links(
        decision.coproduction,
        visibility=visibility,
        owner_side=decision.owner_side,
        body=values.get("body", decision.body),
        meeting=values.get("meeting", decision.meeting),
        goals=goals,
    )
    _check_prepared_by(decision.coproduction, values.get("prepared_by", decision.prepared_by))
    procedure = values.get("procedure", decision.procedure)
    if options is None:
        options = [o.label for o in decision.options.all() if not o.passive]
    labels = _clean_options(procedure, options)

    def read(item):
        return {"goals": _goal_titles(item), "options": _option_labels(item)}

    def write(item):
        item.goals.set(goals)
        _write_options(item, labels)

    before = read(stored)
    update_recorded(actor, decision, DECISION_FIELDS, expected_version, values)
    if decision.number is None and decision.visibility != Visibility.SIDE:
        # Shared now: it takes the next number, after everything the others have seen.
        decision.number = _next_number(decision.coproduction, decision.visibility)
        Decision.objects.filter(pk=decision.pk).update(number=decision.number)
    write(decision)
    after = read(decision)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changes:
        record_change(
            actor=actor, item=decision, action=ChangeRecord.Action.UPDATED, changes=changes
        )
    return decision


def settle(actor, decision: Decision, *, result: dict, outcome: str, reasons: str, **extra):
    """Write the result once; from now on the decision is a record."""
    stored = snapshot(decision, ["status", "outcome", "reasons"])
    now = timezone.now()
    status = Decision.Status.DECIDED if result["passed"] else Decision.Status.REJECTED
    fields = {
        "status": status,
        "tally": result,
        "outcome": outcome,
        "reasons": reasons.strip(),
        "decided_at": now,
        **extra,
    }
    updated = Decision.objects.filter(pk=decision.pk, version=decision.version).update(
        version=decision.version + 1, **fields
    )
    if not updated:
        raise DecisionError("Jemand hat diese Entscheidung inzwischen geändert.")
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.version += 1
    after = snapshot(decision, ["status", "outcome", "reasons"])
    record_change(
        actor=actor,
        item=decision,
        action=ChangeRecord.Action.UPDATED,
        changes={k: [stored[k], after[k]] for k in after if stored[k] != after[k]},
    )
    if status == Decision.Status.DECIDED and decision.supersedes_id:
        _replace(actor, decision)
    return decision


@transaction.atomic
def decision_record_in_meeting(
    *,
    actor,
    decision: Decision,
    yes: int,
    no: int,
    abstain: int,
    passed: bool,
    outcome: str,
    reasons: str = "",
    meeting=None,
) -> Decision:
    """A decision taken in a meeting, entered from the minutes with its counts."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.procedure != Decision.Procedure.MEETING:
        raise DecisionError("Nur Entscheidungen „Im Treffen entschieden“ tragt ihr so ein.")
    require_draft(decision)
    if min(yes, no, abstain) < 0:
        raise DecisionError("Stimmen zählt man ab null.", field="yes")
    if passed and yes + no + abstain < decision.quorum:
        raise DecisionError(
            f"Mit {yes + no + abstain} Stimmen war das Treffen nicht beschlussfähig "
            f"(nötig: {decision.quorum}).",
            field="yes",
        )
    if not outcome.strip():
        raise DecisionError("Was wurde entschieden? Schreibt das Ergebnis auf.", field="outcome")
    meeting = meeting or decision.meeting
    _check_links(
        decision.coproduction,
        visibility=decision.visibility,
        owner_side=decision.owner_side,
        meeting=meeting,
    )
    result = tallies.meeting(yes=yes, no=no, abstain=abstain, passed=passed, quorum=decision.quorum)
    return settle(
        actor, decision, result=result, outcome=outcome.strip(), reasons=reasons, meeting=meeting
    )


@transaction.atomic
def decision_supersede(*, actor, decision: Decision, reason: str, **fields) -> Decision:
    """A new decision (draft) that proposes to replace a decided one and says why (card 42).

    The old decision stays in force until the new one is decided by its own procedure; only
    then is it marked superseded (see ``settle``). A rejected proposal leaves it in force, and
    a later proposal may try again. Any editor may propose: the procedure decides."""
    old = Decision.objects.select_for_update().get(pk=decision.pk)
    if not reason.strip():
        raise DecisionError(
            "Sagt, warum die Entscheidung ersetzt wird – das gehört ins Beschlussbuch.",
            field="supersede_reason",
        )
    if old.status == Decision.Status.SUPERSEDED:
        raise DecisionError("Diese Entscheidung ist schon ersetzt worden.")
    if old.status != Decision.Status.DECIDED:
        raise DecisionError(
            f"Ersetzen lässt sich nur eine getroffene Entscheidung; diese ist "
            f"„{old.get_status_display()}“."
        )
    pending = old.replacements.filter(status__in=[Decision.Status.DRAFT, Decision.Status.VOTING])
    if pending.exists():
        raise DecisionError(
            "Es gibt schon einen Vorschlag, der diese Entscheidung ersetzen soll. Bringt ihn "
            "zu Ende, bevor ihr einen weiteren macht."
        )
    fields.setdefault("owner_side", old.owner_side)
    return decision_create(
        actor=actor,
        coproduction=old.coproduction,
        supersedes=old,
        supersede_reason=reason.strip(),
        **fields,
    )


def _replace(actor, new: Decision) -> None:
    """The decided ``new`` decision takes the place of the one it names."""
    old = Decision.objects.select_for_update().get(pk=new.supersedes_id)
    if old.status != Decision.Status.DECIDED:
        return
    Decision.objects.filter(pk=old.pk).update(
        status=Decision.Status.SUPERSEDED, version=old.version + 1
    )
    record_change(
        actor=actor,
        item=old,
        action=ChangeRecord.Action.UPDATED,
        changes={
            "status": [Decision.Status.DECIDED.value, Decision.Status.SUPERSEDED.value],
            "Ersetzt durch": [
                None,
                reference(new, label=f"{new.question} – {new.supersede_reason}"),
            ],
        },
    )
