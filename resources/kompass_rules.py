"""Kompass-Check rules about positions and funding (cards 20, 21, 22, 26, 34, 35). Every rule
reads through ``visible_to(viewer)``: a side's own positions and funding count for that side
only, and a finding about them names nothing the viewer may not see."""

from dataclasses import replace

from django.db.models import Q

from resources.models import Funding, Position
from workspaces.checking import SOON, Problem, Rule, about_people, unsettled
from workspaces.models import Membership
from workspaces.visibility import Side


def _ending(ctx, rows):
    """Rows still running that end before the co-production's planned end (any end, if it
    has none: the same ``Coproduction.planned_end`` the rule for card 35 asks for). What has
    ended is past planning for."""
    rows = rows.filter(end_date__gte=ctx.today)
    if ctx.coproduction.planned_end:
        rows = rows.filter(end_date__lt=ctx.coproduction.planned_end)
    return rows


def follow_up_open(ctx):
    fundings = unsettled(
        _ending(ctx, Funding.objects.visible_to(ctx.viewer)).filter(follow_up=""),
        one="Die Finanzierung {names} endet vor der Ko-Produktion, und niemand hat geklärt, "
        "wie es danach weitergeht.",
        many="Die Finanzierungen {names} enden vor der Ko-Produktion, und niemand hat geklärt, "
        "wie es danach weitergeht.",
        url=lambda f: ctx.url("resources:funding", f.pk) if f else ctx.url("resources:fundings"),
        label=lambda f: f.title,
    )
    positions = unsettled(
        _ending(ctx, Position.objects.visible_to(ctx.viewer)).filter(
            successor__isnull=True, handover=""
        ),
        one="Für die Stelle {names} steht nicht, wer ihre Aufgaben und ihr Wissen übernimmt, "
        "wenn sie endet.",
        many="Für die Stellen {names} steht nicht, wer ihre Aufgaben und ihr Wissen übernimmt, "
        "wenn sie enden.",
        url=lambda p: ctx.url("resources:position", p.pk) if p else ctx.url("resources:positions"),
        label=lambda p: p.title,
    )
    found = [p for p in (fundings, positions) if p]
    if not found:
        return None
    return Problem(
        text=" ".join(p.text for p in found),
        url=found[0].url,
        state="|".join(p.state for p in found),
        side_only=any(p.side_only for p in found),
    )


def has_ends(ctx) -> bool:
    return any(
        model.objects.visible_to(ctx.viewer).filter(end_date__gte=ctx.today).exists()
        for model in (Funding, Position)
    )


def paid_without_position(ctx):
    """Card 21: a civil-society group that pays someone should have said how — contract,
    hours, who — so a member marked as paid (hauptamtlich) holds a paid position."""
    held = set(
        Position.objects.visible_to(ctx.viewer)
        .filter(pay=Position.Pay.PAID, holder__isnull=False)
        .values_list("holder_id", flat=True)
    )
    missing = [
        m
        for m in ctx.members
        if m.partner_side == Side.CIVIL_SOCIETY
        and m.employment == Membership.Employment.PAID
        and m.pk not in held
    ]
    problem = about_people(
        missing,
        one="{names} ist bei euch hauptamtlich dabei, aber keine bezahlte Stelle beschreibt, "
        "wie: Vertragsform, Stunden, Verhältnis zu den Ehrenamtlichen.",
        many="{names} sind bei euch hauptamtlich dabei, aber keine bezahlte Stelle beschreibt, "
        "wie: Vertragsform, Stunden, Verhältnis zu den Ehrenamtlichen.",
        url=ctx.url("resources:position_create"),
    )
    # Which positions the side has is its own business: the finding stays on its side.
    return replace(problem, side_only=True) if problem else None


def _administration_staff(ctx) -> list:
    return [
        m
        for m in ctx.members
        if m.partner_side == Side.ADMINISTRATION
        and m.access != Membership.Access.OBSERVER
        and m.employment != Membership.Employment.VOLUNTEER
    ]


def no_time_share(ctx):
    """Cards 20, 26: the administration releases staff with a clearly defined share of time."""
    shared = (
        Position.objects.visible_to(ctx.viewer)
        .filter(holder__isnull=False)
        .filter(Q(hours_per_week__isnull=False) | Q(share_percent__isnull=False))
        .exclude(end_date__lt=ctx.today)
        .values_list("holder_id", flat=True)
    )
    held = set(shared)
    missing = [m for m in _administration_staff(ctx) if m.pk not in held]
    if ctx.viewer.side == Side.ADMINISTRATION:
        return about_people(
            missing,
            one="Für {names} ist kein Zeitanteil für die Ko-Produktion festgelegt: Wie viele "
            "Stunden oder welcher Stellenanteil ist freigestellt?",
            many="Für {names} ist kein Zeitanteil für die Ko-Produktion festgelegt: Wie viele "
            "Stunden oder welche Stellenanteile sind freigestellt?",
            url=ctx.url("resources:position_create"),
        )
    return about_people(
        missing,
        one="Von {names} (Verwaltung) kennt ihr keinen freigestellten Zeitanteil für die "
        "Ko-Produktion – fragt nach, ob die Verwaltung ihn festgelegt hat und teilt.",
        many="Von {names} (Verwaltung) kennt ihr keine freigestellten Zeitanteile für die "
        "Ko-Produktion – fragt nach, ob die Verwaltung sie festgelegt hat und teilt.",
        url=ctx.url("resources:positions"),
    )


RULES = [
    Rule(
        id="resources.follow-up",
        title="Was nach dem Ende einer Finanzierung oder Stelle kommt, ist geklärt",
        cards=(22, 34, 35),
        severity=SOON,
        check=follow_up_open,
        applies=has_ends,
    ),
    Rule(
        id="resources.paid-civil-role",
        title="Bezahlte Arbeit in der Zivilgesellschaft hat eine beschriebene Stelle",
        cards=(21, 22),
        severity=SOON,
        check=paid_without_position,
        applies=lambda ctx: ctx.viewer.side == Side.CIVIL_SOCIETY,
    ),
    Rule(
        id="resources.time-share",
        title="Die Verwaltung hat Zeitanteile für die Ko-Produktion festgelegt",
        cards=(20, 26),
        severity=SOON,
        check=no_time_share,
        applies=lambda ctx: bool(_administration_staff(ctx)),
    ),
]
