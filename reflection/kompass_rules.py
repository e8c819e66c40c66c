"""Kompass-Check rules about reflection (cards 46, 11, 31). Rounds, consequences and joint
goals are seen by every member; decisions count only where every member sees them, so both
sides get the same findings. Results are read only as ``reflection/results.py`` shows them."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, OuterRef, Q, Subquery

from decisions.models import Decision
from goals.models import Goal
from history.models import ChangeRecord
from reflection import results
from reflection.models import Consequence, Question, ReflectionRound, ReflectionSettings
from workspaces.checking import HINT, NOW, SOON, Problem, Rule, unsettled
from workspaces.visibility import Visibility

# What of a joint goal is its content: changing it changes what the partners aim for.
GOAL_CONTENT = ["title", "description", "due_date", "level"]
# A decision or consequence this long before a change still stands behind it.
COVERS = timedelta(days=90)
# Card 11: remind yourselves of the opportunities „von Zeit zu Zeit“ — at least once a year.
YEAR = 12
LOW = 3.0


def months_before(day: date, months: int) -> date:
    month = day.month - 1 - months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _settings(ctx):
    return ReflectionSettings.objects.filter(coproduction=ctx.coproduction).first()


def no_interval(ctx):
    if _settings(ctx):
        return None
    return Problem(
        text="Ihr habt noch nicht vereinbart, wie oft ihr die Zusammenarbeit gemeinsam "
        "reflektiert.",
        url=ctx.url("reflection:interval"),
        state="none",
    )


def overdue(ctx):
    months = _settings(ctx).interval_months
    rounds = ReflectionRound.objects.visible_to(ctx.viewer)
    last = rounds.aggregate(last=Max("opens_on"))["last"]
    since = last or ctx.coproduction.start_date
    if since > months_before(ctx.today, months):
        return None
    every = f"alle {months} Monat{'e' if months != 1 else ''}"
    if last is None:
        text = (
            f"Ihr habt vereinbart, {every} gemeinsam zu reflektieren, aber noch keine Runde "
            "angelegt."
        )
    else:
        text = (
            f"Eure letzte Reflexionsrunde begann am {last:%d.%m.%Y}; vereinbart habt ihr {every}."
        )
    return Problem(text=text, url=ctx.url("reflection:round_create"), state=f"{months}:{last}")


def has_interval(ctx) -> bool:
    return _settings(ctx) is not None


def goals_changed_alone(ctx):
    """Joint goals whose content changed with neither a decision every member sees nor an
    agreed consequence of a reflection naming them around that time (card 46: changes are
    „abgesprochen und nicht einseitig verkündet“)."""
    changes = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Goal),
        action=ChangeRecord.Action.UPDATED,
        changes__has_any_keys=GOAL_CONTENT,
    )
    # The goals edited at all, from the co-production's history (where a goal's changes are
    # recorded): the latest change, decision and consequence are then looked up for these only.
    edited = changes.filter(coproduction=ctx.coproduction).values("object_id")
    latest = changes.filter(object_id=OuterRef("pk")).order_by("-created_at")
    decided = (
        Decision.objects.filter(goals=OuterRef("pk"), decided_at__isnull=False)
        .exclude(visibility=Visibility.SIDE)
        .order_by("-decided_at")
    )
    agreed = Consequence.objects.filter(goal=OuterRef("pk")).order_by("-created_at")
    joint = (
        Goal.objects.visible_to(ctx.viewer)
        .filter(kind=Goal.Kind.JOINT, pk__in=edited)
        .annotate(
            changed_at=Subquery(latest.values("created_at")[:1]),
            decided_at=Subquery(decided.values("decided_at")[:1]),
            agreed_at=Subquery(agreed.values("created_at")[:1]),
        )
    )
    alone = [
        goal.pk
        for goal in joint.only("pk")
        if not any(
            when and when >= goal.changed_at - COVERS for when in (goal.decided_at, goal.agreed_at)
        )
    ]
    return unsettled(
        Goal.objects.filter(pk__in=alone),
        one="Das gemeinsame Ziel {names} wurde geändert, ohne dass eine Entscheidung oder "
        "eine Konsequenz aus einer Reflexion dahintersteht.",
        many="Die gemeinsamen Ziele {names} wurden geändert, ohne dass eine Entscheidung oder "
        "eine Konsequenz aus einer Reflexion dahintersteht.",
        url=lambda g: ctx.url("goals:goal", g.pk) if g else ctx.url("goals:list"),
        label=lambda g: g.title,
    )


def opportunities_forgotten(ctx):
    """Card 11: keep the opportunities in view. Either no round with a shown result in a
    year, or the latest one rated them low and agreed no consequence."""
    year_ago = months_before(ctx.today, YEAR)
    closed = ReflectionRound.objects.visible_to(ctx.viewer).filter(
        Q(closed_at__isnull=False) | Q(closes_on__lt=ctx.today), opens_on__gte=year_ago
    )
    rows = [row for row in results.trends(list(closed.order_by("opens_on"))) if row.shown]
    if not rows:
        return Problem(
            text="Seit über einem Jahr habt ihr nicht gemeinsam ausgewertet, ob die Chancen "
            "eurer Ko-Produktion noch da sind – Innovation, bessere Daseinsvorsorge, Demokratie.",
            url=ctx.url("reflection:overview"),
            state=f"none:{year_ago}",
        )
    latest = rows[-1]
    mean = latest.means[Question.OPPORTUNITIES]
    if mean is None or mean >= LOW or latest.round.consequences.exists():
        return None
    return Problem(
        text=f"In der Runde „{latest.round.title}“ habt ihr die Chancen der Ko-Produktion "
        f"zurückhaltend eingeschätzt (Mittelwert {f'{mean:.1f}'.replace('.', ',')}), aber "
        "keine Konsequenz daraus vereinbart.",
        url=ctx.url("reflection:round", latest.round.pk),
        state=f"low:{latest.round.pk}",
    )


def running_a_year(ctx) -> bool:
    return ctx.coproduction.start_date <= months_before(ctx.today, YEAR)


RULES = [
    Rule(
        id="reflection.interval",
        title="Ihr habt vereinbart, wie oft ihr gemeinsam reflektiert",
        cards=(46,),
        severity=SOON,
        check=no_interval,
    ),
    Rule(
        id="reflection.due",
        title="Die Reflexion findet im vereinbarten Rhythmus statt",
        cards=(46,),
        severity=NOW,
        check=overdue,
        applies=has_interval,
    ),
    Rule(
        id="reflection.goal-changes",
        title="Gemeinsame Ziele ändern sich nur mit einer Entscheidung oder Reflexion",
        cards=(46, 31),
        severity=SOON,
        check=goals_changed_alone,
    ),
    Rule(
        id="reflection.opportunities",
        title="Ihr vergegenwärtigt euch die Chancen der Ko-Produktion",
        cards=(11, 46),
        severity=HINT,
        check=opportunities_forgotten,
        applies=running_a_year,
    ),
]
