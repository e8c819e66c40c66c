"""What decisions store about a person: their votes and the decisions they prepared
(for the data page, ``accounts.sections``)."""

from accounts.names import without_name
from accounts.sections import UNSEEN, Section
from decisions.models import Decision, Option, Vote


def votes(user, memberships):
    rows = list(
        Vote.objects.filter(membership_id__in=memberships.ids)
        .select_related("decision")
        .order_by("-cast_at", "-pk")
    )
    seen = [v.decision_id for v in rows if memberships.sees(v.decision)]
    options = {str(o.pk): o.label for o in Option.objects.filter(decision_id__in=seen)}
    for vote in rows:
        decision = vote.decision
        shown = memberships.sees(decision)
        points = ", ".join(
            f"{options.get(key, UNSEEN) if shown else 'eine Option'}: {value}"
            for key, value in sorted(vote.resistance.items())
        )
        yield (
            memberships.coproduction(decision.coproduction_id),
            memberships.name(decision),
            vote.get_choice_display() or None,
            points or None,
            vote.reason or None,
            vote.cast_at,
        )


def prepared(user, memberships):
    rows = Decision.objects.filter(prepared_by_id__in=memberships.ids).order_by("-created_at")
    for decision in rows:
        shown = memberships.sees(decision)
        yield (
            memberships.coproduction(decision.coproduction_id),
            memberships.name(decision),
            decision.get_status_display() if shown else None,
            decision.created_at,
        )


SECTIONS = [
    Section(
        key="decisions.votes",
        title="Eure Stimmen",
        columns=(
            "Ko-Produktion",
            "Entscheidung",
            "Stimme",
            "Widerstandspunkte",
            "Begründung",
            "Abgegeben oder zuletzt geändert",
        ),
        rows=votes,
        note="Eure Stimme gehört zur Auszählung der Entscheidung und bleibt dort, auch wenn ihr "
        "geht.",
    ),
    Section(
        key="decisions.prepared",
        title="Entscheidungen, die ihr vorbereitet habt",
        columns=("Ko-Produktion", "Entscheidung", "Stand", "Angelegt am"),
        rows=prepared,
    ),
]


def forget(memberships, name: str) -> None:
    """A closed vote's stored tally names voters (vetoes, objections with their reasons, in
    lists and explanations): when the account goes, so does its name there — the tally counts
    "ehemaliges Mitglied", as a recount of the votes would."""
    decisions = list(
        Decision.objects.filter(votes__membership_id__in=memberships.ids)
        .exclude(tally={})
        .distinct()
    )
    for decision in decisions:
        decision.tally = without_name(decision.tally, name, within=True)
    Decision.objects.bulk_update(decisions, ["tally"])
