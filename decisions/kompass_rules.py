"""Kompass-Check rules about decisions (cards 41, 42)."""

from datetime import timedelta

from decisions.models import Decision
from workspaces.checking import HINT, NOW, Rule, unsettled

STALE_DRAFT = timedelta(days=30)


def decisions(ctx):
    return Decision.objects.visible_to(ctx.viewer)


def decision_url(ctx):
    return lambda d: ctx.url("decisions:decision", d.pk) if d else ctx.url("decisions:list")


def vote_ended_without_result(ctx):
    return unsettled(
        ctx.passed(decisions(ctx).filter(status=Decision.Status.VOTING), "closes_at"),
        one="Die Abstimmung über {names} ist abgelaufen, aber noch nicht ausgezählt.",
        many="Die Abstimmungen über {names} sind abgelaufen, aber noch nicht ausgezählt.",
        url=decision_url(ctx),
        label=lambda d: d.question,
    )


def decided_without_body(ctx):
    return unsettled(
        decisions(ctx).filter(
            status__in=[Decision.Status.VOTING, Decision.Status.DECIDED], body__isnull=True
        ),
        one="Bei der Entscheidung {names} steht nicht, welches Gremium entscheidet.",
        many="Bei den Entscheidungen {names} steht nicht, welches Gremium entscheidet.",
        url=decision_url(ctx),
        label=lambda d: d.question,
    )


def stale_drafts(ctx):
    return unsettled(
        ctx.passed(decisions(ctx).filter(status=Decision.Status.DRAFT), "created_at", STALE_DRAFT),
        one="Die Entscheidung {names} liegt seit über einem Monat in Vorbereitung.",
        many="Die Entscheidungen {names} liegen seit über einem Monat in Vorbereitung.",
        url=decision_url(ctx),
        label=lambda d: d.question,
    )


RULES = [
    Rule(
        id="decisions.vote-ended",
        title="Abgelaufene Abstimmungen sind ausgezählt",
        cards=(42,),
        severity=NOW,
        check=vote_ended_without_result,
    ),
    Rule(
        id="decisions.body",
        title="Jede Entscheidung nennt das Gremium, das entscheidet",
        cards=(41, 42, 17),
        severity=HINT,
        check=decided_without_body,
    ),
    Rule(
        id="decisions.stale-drafts",
        title="Vorbereitete Entscheidungen kommen zur Abstimmung",
        cards=(42, 43),
        severity=HINT,
        check=stale_drafts,
    ),
]
