"""Kompass-Check rules about the life cycle (cards 34, 36, 37, 38). Paths and the closing are
joint (every member sees them); impact plans are read through ``visible_to``, so a side's
own plan settles the point only for that side."""

from datetime import timedelta

from django.db.models import Q

from lifecycle import selectors
from workspaces.checking import HINT, NOW, SOON, Problem, Rule, unsettled
from workspaces.models import Coproduction

Stage = Coproduction.Stage
# How long a co-production runs before the question of reaching beyond is due (cards 37, 38).
IMPACT_AFTER = timedelta(days=365)


def no_chosen_path(ctx):
    if selectors.chosen_paths(ctx.viewer).exists():
        return None
    return Problem(
        text="Ihr seid in der Verstetigung, habt aber noch keinen Weg gewählt: Regelangebot der "
        "Verwaltung, eigene Institution oder eine neue Organisationsform?",
        url=ctx.url("lifecycle:overview") + "#verstetigung",
        state="none",
    )


def chosen_path_without_means(ctx):
    rows = selectors.chosen_paths(ctx.viewer).filter(Q(money="") | Q(staff=""))
    return unsettled(
        rows,
        one="Beim gewählten Weg {names} steht noch nicht, woher Geld und Personal dauerhaft "
        "kommen.",
        many="Bei den gewählten Wegen {names} steht noch nicht, woher Geld und Personal "
        "dauerhaft kommen.",
        url=lambda path: (
            ctx.url("lifecycle:path", path.pk) if path else ctx.url("lifecycle:overview")
        ),
        label=lambda path: path.get_path_display(),
    )


def no_closing_reflection(ctx):
    closing = selectors.closing_for(ctx.viewer)
    if closing is not None and closing.reflected:
        return None
    ended = ctx.coproduction.ended
    return Problem(
        text=(
            "Die Ko-Produktion ist beendet, ohne dass ihr festgehalten habt, was ihr gelernt "
            "habt und was bleibt. Öffnet sie dafür noch einmal (Abschluss)."
            if ended
            else "Ihr seid im Abschluss: Haltet gemeinsam fest, was gelungen ist, was ihr "
            "gelernt habt, was bleibt und wer es weitergibt."
        ),
        url=ctx.url("lifecycle:overview" if ended else "lifecycle:closing"),
        state=f"{ctx.coproduction.stage}:{closing.version if closing else 0}",
    )


def no_impact_plan(ctx):
    if selectors.impact_plans_for(ctx.viewer).exists():
        return None
    return Problem(
        text="Eure Ko-Produktion läuft seit über einem Jahr, aber niemand hat festgehalten, wie "
        "sie über sich hinauswirken soll – duplizieren, politisieren, reproduzieren oder "
        "skalieren – und wen es dafür auf anderen Ebenen braucht.",
        url=ctx.url("lifecycle:impact_create"),
        state="none",
    )


def planned_end_passed(ctx):
    end = ctx.coproduction.planned_end
    if end is None or end >= ctx.today:
        return None
    return Problem(
        text=f"Das geplante Ende ({end:%d.%m.%Y}) ist vorbei: Habt ihr eure Ziele erreicht? "
        "Verlängert, verstetigt oder schließt die Ko-Produktion ab – und sagt es im Verlauf.",
        url=ctx.url("lifecycle:overview"),
        state=f"{end.isoformat()}:{ctx.coproduction.stage}",
    )


RULES = [
    Rule(
        id="lifecycle.permanence-path",
        title="In der Verstetigung ist ein Weg gewählt",
        cards=(34, 22),
        severity=NOW,
        check=no_chosen_path,
        applies=lambda ctx: ctx.coproduction.stage == Stage.PERMANENCE,
    ),
    Rule(
        id="lifecycle.permanence-means",
        title="Der gewählte Weg der Verstetigung nennt Geld und Personal",
        cards=(34, 22, 20),
        severity=SOON,
        check=chosen_path_without_means,
        applies=lambda ctx: ctx.coproduction.stage in (Stage.PERMANENCE, Stage.RUNNING),
    ),
    Rule(
        id="lifecycle.closing-reflection",
        title="Zum Abschluss ist festgehalten, was bleibt und was ihr gelernt habt",
        cards=(36, 35, 48),
        severity=NOW,
        check=no_closing_reflection,
        applies=lambda ctx: ctx.coproduction.stage in (Stage.CLOSING, Stage.ENDED),
        after_end=True,
    ),
    Rule(
        id="lifecycle.impact-plan",
        title="Ihr wisst, wie ihr über die Ko-Produktion hinauswirken wollt",
        cards=(37, 38),
        severity=HINT,
        check=no_impact_plan,
        applies=lambda ctx: (
            ctx.coproduction.stage in (Stage.RUNNING, Stage.PERMANENCE)
            and ctx.coproduction.start_date <= ctx.today - IMPACT_AFTER
        ),
    ),
    Rule(
        id="lifecycle.planned-end-passed",
        title="Nach dem geplanten Ende ist klar, wie es weitergeht",
        cards=(35, 36, 34),
        severity=NOW,
        check=planned_end_passed,
        applies=lambda ctx: ctx.coproduction.stage not in (Stage.CLOSING, Stage.ENDED),
    ),
]
