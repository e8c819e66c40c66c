"""The vote on a decision: open it for a period that respects every partner's
Rücksprachefrist, cast (and change) a vote, count and close (cards 42, 26, 41).

Writes own their transaction like those of ``decisions.services``, whose rules (a draft only,
how a result is settled) they share; the decision row is locked wherever votes and closing
could overlap.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from decisions import selectors, tallies, tasks
from decisions.models import Decision, Vote
from decisions.services import DECISION_FIELDS, DecisionError, require_draft, settle
from history.models import ChangeRecord
from history.services import record_change
from workspaces.models import Membership, Partner
from workspaces.services import update_recorded
from workspaces.visibility import Visibility


def _date(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _days(n: int) -> str:
    return "einen Tag" if n == 1 else f"{n} Tage"


def voting_partners(decision: Decision):
    """Partners whose members vote: all of the co-production, or one side's for a side-only
    decision. Partners who left do not count."""
    partners = Partner.objects.filter(
        coproduction_id=decision.coproduction_id, left_at__isnull=True
    )
    if decision.visibility == Visibility.SIDE:
        partners = partners.filter(side=decision.owner_side)
    return partners


def longest_consultation(decision: Decision) -> Partner | None:
    """The partner that needs the longest Rücksprachefrist (cards 26, 41), if any needs one."""
    return (
        voting_partners(decision)
        .filter(consultation_days__gt=0)
        .order_by("-consultation_days", "name")
        .first()
    )


@transaction.atomic
def decision_open_voting(
    *,
    actor,
    decision: Decision,
    closes_at,
    opens_at=None,
    consultation_override: str = "",
    expected_version: int,
) -> Decision:
    """Open the vote for a period. Shorter than a partner's Rücksprachefrist only with a
    written reason, which the decision page then shows as a warning."""
    require_draft(decision)
    now = timezone.now()
    opens_at = opens_at or now
    if decision.procedure == Decision.Procedure.MEETING:
        raise DecisionError(
            "Über diese Entscheidung wird im Treffen abgestimmt. Tragt das Ergebnis aus dem "
            "Protokoll ein."
        )
    if decision.procedure == Decision.Procedure.SYSTEMIC and decision.options.count() < 2:
        raise DecisionError("Systemisches Konsensieren braucht mindestens eine Option.")
    if closes_at <= now:
        raise DecisionError(
            "Das Ende der Abstimmung muss in der Zukunft liegen.", field="closes_at"
        )
    if closes_at <= opens_at:
        raise DecisionError(
            "Die Abstimmung muss enden, nachdem sie begonnen hat.", field="closes_at"
        )
    override = consultation_override.strip()
    slowest = longest_consultation(decision)
    needed = timedelta(days=slowest.consultation_days) if slowest else timedelta(0)
    if closes_at - opens_at >= needed:
        override = ""
    elif not override:
        earliest = opens_at + needed
        raise DecisionError(
            f"Die Abstimmung ist kürzer als die Rücksprachefrist: {slowest.name} braucht "
            f"{_days(slowest.consultation_days)} für interne Rücksprache. Lasst die Abstimmung "
            f"frühestens am {_date(earliest)} enden – oder begründet unten, warum es schneller "
            "gehen muss.",
            field="closes_at",
        )
    update_recorded(
        actor,
        decision,
        DECISION_FIELDS + ["status", "opens_at", "closes_at", "consultation_override"],
        expected_version,
        {
            "status": Decision.Status.VOTING,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "consultation_override": override,
        },
    )
    tasks.schedule_vote_mails(decision)
    return decision


def _vote_label(decision: Decision, vote: Vote | None, options: dict) -> str | None:
    if vote is None:
        return None
    if decision.procedure == Decision.Procedure.SYSTEMIC:
        text = "Widerstand " + ", ".join(
            f"{options.get(key, key)}: {points}" for key, points in vote.resistance.items()
        )
    else:
        text = tallies.CHOICE_LABELS.get(vote.choice, vote.choice)
    return f"{text} ({vote.reason})" if vote.reason else text


def voting_closed(decision: Decision) -> str:
    """Why nobody can vote on this decision right now, or "" while the vote is open."""
    now = timezone.now()
    if decision.status != Decision.Status.VOTING:
        return (
            "Hier wird nicht (mehr) abgestimmt: Die Entscheidung ist "
            f"„{decision.get_status_display()}“."
        )
    if decision.opens_at and now < decision.opens_at:
        return f"Die Abstimmung beginnt erst am {_date(decision.opens_at)}."
    if decision.closes_at and now >= decision.closes_at:
        return (
            f"Die Abstimmung ist am {_date(decision.closes_at)} zu Ende gegangen. Eure Stimme "
            "kann nicht mehr zählen."
        )
    return ""


def _check_ballot(decision: Decision, options: dict, choice: str, reason: str, resistance):
    if decision.procedure == Decision.Procedure.SYSTEMIC:
        resistance = resistance or {}
        points = {}
        for key, label in options.items():
            value = resistance.get(key)
            if value is None or value == "":
                raise DecisionError(
                    f"Gebt jeder Option Widerstandspunkte – auch „{label}“ (0 bis 10).",
                    field=f"option-{key}",
                )
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = -1
            if not 0 <= value <= tallies.MAX_RESISTANCE:
                raise DecisionError(
                    f"Widerstand für „{label}“: eine ganze Zahl von 0 bis 10.",
                    field=f"option-{key}",
                )
            points[key] = value
        return "", points
    allowed = tallies.CHOICES[decision.procedure]
    if choice not in allowed:
        raise DecisionError("Wählt eine der Antworten aus.", field="choice")
    if choice == Vote.Choice.OBJECTION and not reason.strip():
        raise DecisionError(
            "Ein schwerwiegender Einwand braucht eine Begründung: Was genau spricht dagegen?",
            field="reason",
        )
    return choice, {}


@transaction.atomic
def vote_cast(
    *,
    actor,
    decision: Decision,
    membership: Membership,
    choice: str = "",
    reason: str = "",
    resistance: dict | None = None,
) -> Vote:
    """One vote per person per decision: a second vote replaces the first during the period,
    and the change goes into the decision's history. The decision row is locked first, so
    votes and closing never overlap."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    refusal = voting_closed(decision)
    if refusal:
        raise DecisionError(refusal)
    if not selectors.eligible_voters(decision).filter(pk=membership.pk).exists():
        raise DecisionError(
            "Ihr könnt hier nicht abstimmen: Abstimmen dürfen Mitglieder mit Koordination oder "
            "Mitgliedszugang, bei einer Entscheidung nur für eine Seite nur diese Seite."
        )
    options = {str(o.pk): o.label for o in decision.options.all()}
    choice, points = _check_ballot(decision, options, choice, reason, resistance)
    vote = Vote.objects.select_for_update().filter(decision=decision, membership=membership).first()
    before = _vote_label(decision, vote, options)
    if vote is None:
        vote = Vote(decision=decision, membership=membership)
    vote.choice, vote.reason, vote.resistance = choice, reason.strip(), points
    after = _vote_label(decision, vote, options)
    if before != after:
        vote.save()
        record_change(
            actor=actor,
            item=decision,
            action=ChangeRecord.Action.UPDATED,
            changes={f"Stimme von {membership}": [before, after]},
            ballot=True,
        )
    return vote


def ballots_of(decision: Decision, votes=None) -> list[tallies.Ballot]:
    """The decision's ballots; ``votes``: its votes with their members, where a page has
    read them already."""
    if votes is None:
        votes = Vote.objects.filter(decision=decision).select_related("membership__user")
    return [
        tallies.Ballot(
            voter=str(v.membership), choice=v.choice, reason=v.reason, resistance=v.resistance
        )
        for v in votes
    ]


def option_rows(decision: Decision) -> list[dict]:
    return [
        {"key": str(o.pk), "label": o.label, "passive": o.passive} for o in decision.options.all()
    ]


def current_tally(decision: Decision, votes=None) -> dict:
    return tallies.tally(
        decision.procedure,
        ballots_of(decision, votes),
        options=option_rows(decision),
        quorum=decision.quorum,
        abstentions=decision.abstentions,
    )


def _outcome(decision: Decision, result: dict) -> str:
    if decision.procedure == Decision.Procedure.SYSTEMIC and result.get("winner"):
        label = next(o["label"] for o in result["options"] if o["key"] == result["winner"])
        return f"Gewählt: {label}"
    return "Angenommen" if result["passed"] else "Abgelehnt"


def _refuse_before_consultation(decision: Decision, now) -> None:
    """Every partner gets its Rücksprachefrist before the votes are counted (cards 26, 41) —
    also one whose members have not joined yet, so "everyone has voted" does not cut it
    short. Only the override with a written reason, given when the vote opened, does."""
    if decision.consultation_override or decision.opens_at is None:
        return
    slowest = longest_consultation(decision)
    if slowest is None:
        return
    over = decision.opens_at + timedelta(days=slowest.consultation_days)
    if now < over:
        raise DecisionError(
            f"{slowest.name} braucht {_days(slowest.consultation_days)} für interne "
            f"Rücksprache. Auszählen könnt ihr frühestens am {_date(over)} – auch wenn alle "
            "schon abgestimmt haben."
        )


@transaction.atomic
def decision_close(*, actor, decision: Decision, reasons: str = "") -> Decision:
    """Count the votes. After the period ends — or earlier once everyone entitled has voted,
    then the period ends now."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.VOTING:
        raise DecisionError(
            f"Auszählen lässt sich nur eine laufende Abstimmung; diese ist "
            f"„{decision.get_status_display()}“."
        )
    now = timezone.now()
    extra = {}
    _refuse_before_consultation(decision, now)
    if decision.closes_at and now < decision.closes_at:
        missing = selectors.eligible_voters(decision).exclude(votes__decision=decision).count()
        if missing:
            raise DecisionError(
                f"Die Abstimmung läuft noch bis {_date(decision.closes_at)}, und "
                f"{'eine Person hat' if missing == 1 else f'{missing} Personen haben'} noch "
                "nicht abgestimmt. Auszählen könnt ihr danach – oder sobald alle abgestimmt haben."
            )
        extra["closes_at"] = now
    result = current_tally(decision)
    return settle(
        actor, decision, result=result, outcome=_outcome(decision, result), reasons=reasons, **extra
    )
