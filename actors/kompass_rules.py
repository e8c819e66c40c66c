"""Kompass-Check rules about further actors (cards 47, 23, 38, 28, 49).

Each reads only the actors the viewer sees, so a finding about a side-only actor reaches that
side alone."""

from django.db.models import Q

from actors.models import Actor
from workspaces.checking import HINT, SOON, Problem, Rule, unsettled

AFFECTED = [Actor.Kind.AFFECTED, Actor.Kind.AFFECTED_ORG]


def actors(ctx):
    return Actor.objects.visible_to(ctx.viewer)


def actor_url(ctx):
    return lambda a: ctx.url("actors:actor", a.pk) if a else ctx.url("actors:list")


def speaks_for_others(ctx) -> bool:
    """Card 23 asks those who speak for affected people to consult them; a civil society
    made only of self-organised affected people already sits at the table."""
    civil = [p for p in ctx.partners if p.side == "civil_society"]
    return not civil or any(p.civil_mode != "self_organisation" for p in civil)


def no_affected(ctx):
    if actors(ctx).filter(kind__in=AFFECTED).exists():
        return None
    return Problem(
        text="Im Register der Akteure stehen keine Betroffenen und keine Organisationen von "
        "Betroffenen. Mit wem stimmt ihr Probleme, Ziele und Umsetzung ab?",
        url=ctx.url("actors:list"),
        state="none",
    )


def nobody_approaches(ctx):
    return unsettled(
        actors(ctx).filter(Q(approached_by__isnull=True) | Q(channel_owner__isnull=True)),
        one="Beim Akteur {names} steht nicht, wer die Ansprache übernimmt oder wer den "
        "Kommunikationsweg verantwortet.",
        many="Bei den Akteuren {names} steht nicht, wer die Ansprache übernimmt oder wer den "
        "Kommunikationsweg verantwortet.",
        url=actor_url(ctx),
        label=lambda a: a.name,
    )


def support_without_role(ctx):
    return unsettled(
        actors(ctx).filter(Q(role="") | Q(scope=""), kind=Actor.Kind.SUPPORT),
        one="Bei der externen Unterstützung {names} fehlt die Rolle oder ihr Umfang "
        "(dauerhaft oder punktuell).",
        many="Bei den externen Unterstützungen {names} fehlt die Rolle oder ihr Umfang "
        "(dauerhaft oder punktuell).",
        url=actor_url(ctx),
        label=lambda a: a.name,
    )


def seat_without_mandate(ctx):
    return unsettled(
        actors(ctx).filter(~Q(seat="") | Q(body__isnull=False), may_decide=""),
        one="{names} hat einen Sitz in einem Gremium, aber es steht nicht, was dort "
        "mitentschieden werden darf.",
        many="{names} haben einen Sitz in einem Gremium, aber es steht nicht, was sie dort "
        "mitentscheiden dürfen.",
        url=actor_url(ctx),
        label=lambda a: a.name,
    )


RULES = [
    Rule(
        id="actors.affected",
        title="Betroffene selbst kommen zu Wort",
        cards=(23, 38, 47),
        severity=SOON,
        check=no_affected,
        applies=speaks_for_others,
    ),
    Rule(
        id="actors.approach",
        title="Jeder Akteur hat jemanden, der ihn anspricht, und einen verantworteten Weg",
        cards=(47,),
        severity=SOON,
        check=nobody_approaches,
    ),
    Rule(
        id="actors.support_role",
        title="Externe Unterstützung hat eine Rolle und einen Umfang",
        cards=(49,),
        severity=HINT,
        check=support_without_role,
    ),
    Rule(
        id="actors.seat",
        title="Wer in einem Gremium sitzt, weiß, was er dort entscheiden darf",
        cards=(28, 47, 41),
        severity=SOON,
        check=seat_without_mandate,
    ),
]
