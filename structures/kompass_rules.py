"""Kompass-Check rules about the structures of the collaboration: phases, bodies, mandates
(cards 17, 18, 40–42, 48). Mandates are read through their body's visibility."""

from django.db.models import Q

from structures.models import Body, Mandate, PhasePlan
from workspaces.checking import HINT, NOW, SOON, Problem, Rule, unsettled
from workspaces.visibility import Visibility


def bodies(ctx):
    return Body.objects.visible_to(ctx.viewer)


def current_mandates(ctx):
    return Mandate.objects.filter(body__in=bodies(ctx), ended_on__isnull=True)


def body_url(ctx):
    return lambda b: ctx.url("structures:body", b.pk) if b else ctx.url("structures:bodies")


def mandate_url(ctx):
    def url(mandate):
        if mandate is None:
            return ctx.url("structures:bodies")
        return ctx.url("structures:mandate", mandate.body_id, mandate.pk)

    return url


def mandate_label(mandate) -> str:
    return f"{mandate.partner.name} in {mandate.body.name}"


def no_phase_plan(ctx):
    if PhasePlan.objects.visible_to(ctx.viewer).exists():
        return None
    return Problem(
        text="Ihr habt noch nicht geklärt, in welchen Phasen ihr gemeinsam arbeitet und was "
        "jede Seite einbringen kann.",
        url=ctx.url("structures:phases"),
        state="none",
    )


def no_body(ctx):
    if bodies(ctx).exists():
        return None
    return Problem(
        text="Es gibt noch kein Gremium: Wo kommt ihr zusammen, und wer entscheidet dort?",
        url=ctx.url("structures:body_create"),
        state="none",
    )


def body_without_procedure(ctx):
    return unsettled(
        bodies(ctx).filter(Q(decision_procedure="") | Q(quorum__isnull=True)),
        one="Das Gremium {names} hat kein vereinbartes Entscheidungsverfahren und keine "
        "vereinbarte Beschlussfähigkeit.",
        many="Die Gremien {names} haben kein vereinbartes Entscheidungsverfahren und keine "
        "vereinbarte Beschlussfähigkeit.",
        url=body_url(ctx),
        label=lambda b: b.name,
    )


def mandate_without_consultation_rule(ctx):
    return unsettled(
        current_mandates(ctx)
        .filter(needs_consultation="", may_decide_alone="")
        .select_related("partner", "body"),
        one="Beim Mandat {names} steht nicht, was allein entschieden werden darf und wofür es "
        "Rücksprache braucht.",
        many="Bei den Mandaten {names} steht nicht, was allein entschieden werden darf und "
        "wofür es Rücksprache braucht.",
        url=mandate_url(ctx),
        label=mandate_label,
        side_field="body__visibility",
    )


def mandate_holder_left(ctx):
    return unsettled(
        current_mandates(ctx)
        .filter(holder__left_at__isnull=False)
        .select_related("partner", "body"),
        one="Das Mandat {names} hält jemand, der nicht mehr dabei ist – übergebt es.",
        many="Die Mandate {names} halten Menschen, die nicht mehr dabei sind – übergebt sie.",
        url=mandate_url(ctx),
        label=mandate_label,
        side_field="body__visibility",
    )


def no_public_body(ctx):
    if bodies(ctx).filter(visibility=Visibility.PUBLIC).exists():
        return None
    return Problem(
        text="Kein Gremium ist öffentlich: Von außen ist nicht zu sehen, wer entscheidet.",
        url=ctx.url("structures:bodies"),
        state="none",
    )


def has_body(ctx) -> bool:
    # Asked by several rules' ``applies``: once per run of the Check.
    if "structures.has_body" not in ctx.memo:
        ctx.memo["structures.has_body"] = bodies(ctx).exists()
    return ctx.memo["structures.has_body"]


RULES = [
    Rule(
        id="structures.phases",
        title="Die Intensität der Zusammenarbeit je Phase ist geklärt",
        cards=(40,),
        severity=SOON,
        check=no_phase_plan,
    ),
    Rule(
        id="structures.body",
        title="Es gibt ein Gremium",
        cards=(41,),
        severity=NOW,
        check=no_body,
    ),
    Rule(
        id="structures.body-procedure",
        title="Jedes Gremium hat ein vereinbartes Entscheidungsverfahren",
        cards=(41, 42),
        severity=NOW,
        check=body_without_procedure,
        applies=has_body,
    ),
    Rule(
        id="structures.mandate-consultation",
        title="Mandate sagen, wofür es Rücksprache braucht",
        cards=(41, 28),
        severity=SOON,
        check=mandate_without_consultation_rule,
        applies=has_body,
    ),
    Rule(
        id="structures.mandate-former-member",
        title="Mandate liegen bei Menschen, die dabei sind",
        cards=(48, 41),
        severity=NOW,
        check=mandate_holder_left,
        applies=has_body,
    ),
    Rule(
        id="structures.public-body",
        title="Öffentlich ist sichtbar, wer entscheidet",
        cards=(17, 18),
        severity=HINT,
        check=no_public_body,
        applies=has_body,
    ),
]
