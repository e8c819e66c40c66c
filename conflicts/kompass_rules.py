"""Kompass-Check rules about conflicts (cards 24, 43, 49)."""

from datetime import timedelta

from conflicts.models import Conflict, ConflictAgreement
from workspaces.checking import NOW, SOON, Problem, Rule, unsettled

# An open conflict this old that never reached an agenda is being avoided (card 43).
LINGERING = timedelta(weeks=4)
SUPPORTED = [Conflict.Status.MODERATION, Conflict.Status.MEDIATION]


def conflicts(ctx):
    return Conflict.objects.visible_to(ctx.viewer)


def conflict_url(ctx):
    return lambda c: ctx.url("conflicts:conflict", c.pk) if c else ctx.url("conflicts:list")


def no_agreement(ctx):
    if ConflictAgreement.objects.filter(coproduction=ctx.coproduction).exists():
        return None
    return Problem(
        text="Ihr habt noch nicht vereinbart, wie ihr mit Konflikten umgeht – am besten, "
        "bevor einer kommt.",
        url=ctx.url("conflicts:agreement"),
        state="none",
    )


def lingering_conflicts(ctx):
    # ``agenda_items``: meetings' agenda items naming the conflict (a domain link).
    return unsettled(
        ctx.passed(
            conflicts(ctx).filter(status=Conflict.Status.OPEN, agenda_items__isnull=True),
            "created_at",
            LINGERING,
        ),
        one="Der Konflikt {names} ist seit Wochen offen und stand nie auf einer Tagesordnung.",
        many="Die Konflikte {names} sind seit Wochen offen und standen nie auf einer Tagesordnung.",
        url=conflict_url(ctx),
        label=lambda c: c.title,
    )


def supported_without_supporter(ctx):
    return unsettled(
        conflicts(ctx).filter(status__in=SUPPORTED, external_support=""),
        one="Der Konflikt {names} ist in Moderation oder Mediation, aber es steht nicht, "
        "wer unterstützt.",
        many="Die Konflikte {names} sind in Moderation oder Mediation, aber es steht nicht, "
        "wer unterstützt.",
        url=conflict_url(ctx),
        label=lambda c: c.title,
    )


RULES = [
    Rule(
        id="conflicts.agreement",
        title="Ihr habt vereinbart, wie ihr mit Konflikten umgeht",
        cards=(43, 24),
        severity=SOON,
        check=no_agreement,
    ),
    Rule(
        id="conflicts.lingering",
        title="Offene Konflikte kommen auf die Tagesordnung",
        cards=(43, 24),
        severity=SOON,
        check=lingering_conflicts,
    ),
    Rule(
        id="conflicts.supporter",
        title="Moderation und Mediation haben eine benannte Unterstützung",
        cards=(49, 43),
        severity=NOW,
        check=supported_without_supporter,
    ),
]
