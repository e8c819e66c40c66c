"""Kompass-Check rules about the co-production itself, its partners and members
(cards 8, 12, 13, 23, 25–27, 35, 45, 49). Partners and members are seen by every member."""

from workspaces.checking import HINT, NOW, SOON, Problem, Rule, about_people
from workspaces.models import Coproduction, Membership, Partner
from workspaces.visibility import Side

TWO_SIDES = {Side.ADMINISTRATION, Side.CIVIL_SOCIETY}


def other_side_missing(ctx):
    missing = TWO_SIDES - ctx.sides
    if not missing:
        return None
    labels = " und ".join(Side(s).label for s in sorted(missing))
    return Problem(
        text=f"Es fehlt noch eine Seite: {labels}. Ko-Produktion braucht Verwaltung und "
        "Zivilgesellschaft – legt die andere Partner:in an.",
        url=ctx.url("workspaces:partner_create"),
        state=",".join(sorted(missing)),
    )


def partner_without_members(ctx):
    staffed = {m.partner_id for m in ctx.members}
    empty = [p for p in ctx.partners if p.pk not in staffed]
    return about_people(
        empty,
        one="Für {names} ist noch niemand dabei: ladet das erste Mitglied ein.",
        many="Für {names} ist noch niemand dabei: ladet ihre ersten Mitglieder ein.",
        url=ctx.url("workspaces:invite"),
    )


def partner_without_consultation(ctx):
    missing = [p for p in ctx.partners if p.side in TWO_SIDES and p.consultation_days is None]
    return about_people(
        missing,
        one="Bei {names} steht keine Rücksprachefrist: Wie lange braucht sie für interne "
        "Rücksprache vor einer Entscheidung?",
        many="Bei {names} steht keine Rücksprachefrist: Wie lange brauchen sie für interne "
        "Rücksprache vor einer Entscheidung?",
        url=ctx.url("workspaces:partners"),
    )


def partner_undescribed(ctx):
    missing = [
        p for p in ctx.partners if p.side in TWO_SIDES and not (p.motivation and p.responsibilities)
    ]
    return about_people(
        missing,
        one="Das Profil von {names} sagt noch nicht, warum sie mitmacht und wofür sie "
        "zuständig ist – so versteht die andere Seite ihre Logik nicht.",
        many="Die Profile von {names} sagen noch nicht, warum sie mitmachen und wofür sie "
        "zuständig sind – so versteht die andere Seite ihre Logik nicht.",
        url=ctx.url("workspaces:partners"),
    )


def volunteers_without_times(ctx):
    missing = [
        m
        for m in ctx.members
        if m.employment == Membership.Employment.VOLUNTEER and not m.availability
    ]
    return about_people(
        missing,
        one="{names} ist ehrenamtlich dabei, aber es steht nicht, wann sie teilnehmen können.",
        many="{names} sind ehrenamtlich dabei, aber es steht nicht, wann sie teilnehmen können.",
        url=ctx.url("workspaces:members"),
    )


def members_without_roles(ctx):
    missing = [m for m in ctx.members if not m.roles]
    return about_people(
        missing,
        one="Für {names} ist keine Rolle in der Ko-Produktion eingetragen.",
        many="Für {names} sind keine Rollen in der Ko-Produktion eingetragen.",
        url=ctx.url("workspaces:members"),
    )


def nobody_moderating(ctx):
    moderating = any(Membership.Role.COORDINATION in m.roles for m in ctx.members) or any(
        p.side == Side.EXTERNAL for p in ctx.partners
    )
    if moderating:
        return None
    return Problem(
        text="Niemand hat die Rolle, die Zusammenarbeit zu koordinieren oder zu moderieren – "
        "weder ein Mitglied noch eine externe Unterstützung.",
        url=ctx.url("workspaces:members"),
        state="none",
    )


def cooperation_without_end(ctx):
    if ctx.coproduction.planned_end is not None:
        return None
    return Problem(
        text="Eure Kooperation hat kein geplantes Ende: Wann ist ihr Ziel erreicht?",
        url=ctx.url("workspaces:settings"),
        state="open-ended",
    )


def no_dimensions(ctx):
    if ctx.coproduction.dimensions:
        return None
    return Problem(
        text="Es steht nicht, welche Teilhabe eure Ko-Produktion stärken will.",
        url=ctx.url("workspaces:settings"),
        state="none",
    )


def nobody_for_trust_or_mediation(ctx):
    held = {role for m in ctx.members for role in m.roles}
    missing = []
    if Membership.Role.TRUST not in held:
        missing.append(Membership.Role.TRUST.label)
    if Membership.Role.MEDIATION not in held and not any(
        p.side == Side.EXTERNAL for p in ctx.partners
    ):
        missing.append(Membership.Role.MEDIATION.label)
    if not missing:
        return None
    return Problem(
        text="Niemand hat diese Rolle übernommen: "
        + " und ".join(f"„{label}“" for label in missing)
        + ". Wem liegt es? Bei Konflikten kann auch eine externe Unterstützung vermitteln.",
        url=ctx.url("workspaces:members"),
        state=",".join(missing),
    )


def partner_experience_unknown(ctx):
    missing = [p for p in ctx.partners if p.side in TWO_SIDES and not p.experience]
    return about_people(
        missing,
        one="Von {names} wissen die anderen nicht, ob sie schon Erfahrung mit Ko-Produktionen hat.",
        many="Von {names} wissen die anderen nicht, ob sie schon Erfahrung mit "
        "Ko-Produktionen haben.",
        url=ctx.url("workspaces:partners"),
    )


def affected_unnamed(ctx):
    if ctx.coproduction.affected_groups.strip():
        return None
    return Problem(
        text="Es steht nicht, für wen ihr das tut: Wessen Teilhabe soll besser werden, welche "
        "Gruppen sind bisher ausgeschlossen?",
        url=ctx.url("workspaces:settings"),
        state="none",
    )


def advocates_without_exchange(ctx):
    if ctx.coproduction.affected_exchange.strip():
        return None
    advocates = [
        p
        for p in ctx.partners
        if p.civil_mode in (Partner.CivilMode.ADVOCACY, Partner.CivilMode.MIXED)
    ]
    if not advocates:
        return None
    return about_people(
        advocates,
        one="{names} handelt stellvertretend für Betroffene, aber es steht nicht, wie ihr "
        "euch mit direkt Betroffenen abstimmt.",
        many="{names} handeln stellvertretend für Betroffene, aber es steht nicht, wie ihr "
        "euch mit direkt Betroffenen abstimmt.",
        url=ctx.url("workspaces:settings"),
    )


RULES = [
    Rule(
        id="workspaces.other-side-missing",
        title="Beide Seiten sind dabei",
        cards=(12, 13, 25),
        severity=NOW,
        check=other_side_missing,
    ),
    Rule(
        id="workspaces.partner-without-members",
        title="Jede Partner:in hat Mitglieder",
        cards=(25, 27),
        severity=NOW,
        check=partner_without_members,
    ),
    Rule(
        id="workspaces.partner-consultation",
        title="Rücksprachefristen der Partner:innen sind bekannt",
        cards=(25, 26, 41),
        severity=SOON,
        check=partner_without_consultation,
    ),
    Rule(
        id="workspaces.partner-profile",
        title="Die Partner:innen haben sich beschrieben",
        cards=(25, 12, 13),
        severity=SOON,
        check=partner_undescribed,
    ),
    Rule(
        id="workspaces.volunteer-times",
        title="Ehrenamtliche sagen, wann sie können",
        cards=(26,),
        severity=HINT,
        check=volunteers_without_times,
    ),
    Rule(
        id="workspaces.member-roles",
        title="Die Rollen der Mitglieder sind geklärt",
        cards=(27,),
        severity=HINT,
        check=members_without_roles,
    ),
    Rule(
        id="workspaces.moderation",
        title="Jemand koordiniert oder moderiert",
        cards=(45, 49),
        severity=SOON,
        check=nobody_moderating,
    ),
    Rule(
        id="workspaces.cooperation-end",
        title="Die Kooperation hat ein geplantes Ende",
        cards=(35, 6),
        severity=SOON,
        check=cooperation_without_end,
        applies=lambda ctx: ctx.coproduction.kind == Coproduction.Kind.COOPERATION,
    ),
    Rule(
        id="workspaces.dimensions",
        title="Ihr wisst, welche Teilhabe ihr stärken wollt",
        cards=(8,),
        severity=HINT,
        check=no_dimensions,
    ),
    Rule(
        id="workspaces.trust-and-mediation",
        title="Jemand baut Vertrauen auf und moderiert Konflikte",
        cards=(45, 49),
        severity=HINT,
        check=nobody_for_trust_or_mediation,
    ),
    Rule(
        id="workspaces.partner-experience",
        title="Ihr wisst, wer schon Erfahrung mit Ko-Produktion hat",
        cards=(25,),
        severity=HINT,
        check=partner_experience_unknown,
    ),
    Rule(
        id="workspaces.affected-groups",
        title="Ihr wisst, für wen ihr es tut",
        cards=(8, 23, 38),
        severity=SOON,
        check=affected_unnamed,
    ),
    Rule(
        id="workspaces.affected-exchange",
        title="Wer stellvertretend handelt, stimmt sich mit Betroffenen ab",
        cards=(23, 47),
        severity=SOON,
        check=advocates_without_exchange,
    ),
]
