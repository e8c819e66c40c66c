"""Kompass-Check rules about goals, strategy and milestones (cards 30–33, 48). Every rule
reads through ``visible_to(viewer)``: a side's private drafts count for that side only."""

from django.db.models import Exists, OuterRef

from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from workspaces.checking import HINT, NOW, SOON, Problem, Rule, about_people, unsettled
from workspaces.models import Membership
from workspaces.visibility import Side, Visibility

TWO_SIDES = {Side.ADMINISTRATION, Side.CIVIL_SOCIETY}
OPEN = [Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS]


def on_a_side(ctx) -> bool:
    """Rules about "your side's" drafts concern the two sides, not external partners."""
    return ctx.viewer.side in TWO_SIDES


def goals(ctx):
    return Goal.objects.visible_to(ctx.viewer)


def no_own_drafts(ctx):
    if goals(ctx).filter(kind=Goal.Kind.SIDE, owner_side=ctx.viewer.side).exists():
        return None
    return Problem(
        text="Eure Seite hat noch keine eigenen Ziele formuliert – erst für euch, dann mit "
        "der anderen Seite.",
        url=ctx.url("goals:goal_create"),
        state="none",
        side_only=True,
    )


def drafts_not_shared(ctx):
    own = goals(ctx).filter(kind=Goal.Kind.SIDE, owner_side=ctx.viewer.side)
    if not own.exists() or own.exclude(visibility=Visibility.SIDE).exists():
        return None
    return Problem(
        text="Eure Seite hat Ziele formuliert, aber noch keines mit der anderen Seite geteilt.",
        url=ctx.url("goals:share"),
        state=str(own.count()),
        side_only=True,
    )


def shared_without_joint(ctx):
    shared = goals(ctx).filter(kind=Goal.Kind.SIDE).exclude(visibility=Visibility.SIDE)
    if goals(ctx).filter(kind=Goal.Kind.JOINT).exists():
        return None
    return unsettled(
        shared,
        one="Das geteilte Ziel {names} wartet auf ein gemeinsames Ziel, das es beantwortet.",
        many="Die geteilten Ziele {names} warten auf ein gemeinsames Ziel, das sie beantwortet.",
        url=ctx.url("goals:joint_create"),
        label=lambda g: g.title,
    )


def joint_without_steward(ctx):
    return unsettled(
        goals(ctx).filter(kind=Goal.Kind.JOINT, steward__isnull=True),
        one="Niemand behält das gemeinsame Ziel {names} im Blick.",
        many="Niemand behält die gemeinsamen Ziele {names} im Blick.",
        url=lambda g: ctx.url("goals:goal", g.pk) if g else ctx.url("goals:strategy"),
        label=lambda g: g.title,
    )


def joint_without_obstacles(ctx):
    planned = Obstacle.objects.visible_to(ctx.viewer).filter(goal=OuterRef("pk"))
    return unsettled(
        goals(ctx).filter(kind=Goal.Kind.JOINT).filter(~Exists(planned)),
        one="Für das gemeinsame Ziel {names} habt ihr noch keine Hindernisse bedacht.",
        many="Für die gemeinsamen Ziele {names} habt ihr noch keine Hindernisse bedacht.",
        url=ctx.url("goals:obstacle_create"),
        label=lambda g: g.title,
    )


def partners_without_contribution(ctx):
    brought = {
        c
        for c in Contribution.objects.visible_to(ctx.viewer)
        .values_list("partner_id", flat=True)
        .distinct()
    }
    missing = [p for p in ctx.partners if p.side in TWO_SIDES and p.pk not in brought]
    return about_people(
        missing,
        one="Es steht nicht, was {names} in die gemeinsame Strategie einbringt.",
        many="Es steht nicht, was {names} in die gemeinsame Strategie einbringen.",
        url=ctx.url("goals:contribution_create"),
    )


def joint_without_milestones(ctx):
    if Milestone.objects.visible_to(ctx.viewer).exists():
        return None
    joint = goals(ctx).filter(kind=Goal.Kind.JOINT)
    return unsettled(
        joint,
        one="Für das gemeinsame Ziel {names} gibt es noch keinen Meilenstein.",
        many="Für die gemeinsamen Ziele {names} gibt es noch keine Meilensteine.",
        url=ctx.url("goals:milestone_create"),
        label=lambda g: g.title,
    )


def milestones_overdue(ctx):
    return unsettled(
        Milestone.objects.visible_to(ctx.viewer).filter(status__in=OPEN, due_date__lt=ctx.today),
        one="Der Meilenstein {names} ist überfällig: erreicht, verschoben oder aufgegeben?",
        many="Die Meilensteine {names} sind überfällig: erreicht, verschoben oder aufgegeben?",
        url=lambda m: ctx.url("goals:milestone", m.pk) if m else ctx.url("goals:milestones"),
        label=lambda m: m.title,
    )


def reached_not_celebrated(ctx):
    return unsettled(
        Milestone.objects.visible_to(ctx.viewer)
        .filter(status=Milestone.Status.REACHED, celebrated=False)
        .exclude(visibility=Visibility.PUBLIC),
        one="Der erreichte Meilenstein {names} ist weder gefeiert noch veröffentlicht.",
        many="Die erreichten Meilensteine {names} sind weder gefeiert noch veröffentlicht.",
        url=lambda m: ctx.url("goals:milestone", m.pk) if m else ctx.url("goals:milestones"),
        label=lambda m: m.title,
    )


def no_red_lines(ctx):
    named = Demand.objects.visible_to(ctx.viewer).filter(
        owner_side=ctx.viewer.side, kind=Demand.Kind.NON_NEGOTIABLE
    )
    if named.exists():
        return None
    return Problem(
        text="Eure Seite hat noch nicht benannt, was für sie nicht verhandelbar ist.",
        url=ctx.url("goals:demand_create"),
        state="none",
        side_only=True,
    )


def held_by_former_members(ctx):
    # Only when someone of the co-production has left (stewards and responsibles are picked
    # from its members) is there anything to count: not a walk over every goal and milestone.
    left = Membership.objects.filter(coproduction=ctx.coproduction, left_at__isnull=False)
    if not left.exists():
        return None
    goals_problem = unsettled(
        goals(ctx).filter(steward__in=left),
        one="Das Ziel {names} wird von jemandem betreut, der nicht mehr dabei ist.",
        many="Die Ziele {names} werden von Menschen betreut, die nicht mehr dabei sind.",
        url=lambda g: ctx.url("goals:goal", g.pk) if g else ctx.url("goals:strategy"),
        label=lambda g: g.title,
    )
    milestones_problem = unsettled(
        Milestone.objects.visible_to(ctx.viewer).filter(status__in=OPEN, responsible__in=left),
        one="Für den Meilenstein {names} ist jemand verantwortlich, der nicht mehr dabei ist.",
        many="Für die Meilensteine {names} sind Menschen verantwortlich, die nicht mehr dabei "
        "sind.",
        url=lambda m: ctx.url("goals:milestone", m.pk) if m else ctx.url("goals:milestones"),
        label=lambda m: m.title,
    )
    found = [p for p in (goals_problem, milestones_problem) if p]
    if not found:
        return None
    return Problem(
        text=" ".join(p.text for p in found),
        url=found[0].url,
        state="|".join(p.state for p in found),
        side_only=any(p.side_only for p in found),
    )


def has_joint_goal(ctx) -> bool:
    return goals(ctx).filter(kind=Goal.Kind.JOINT).exists()


RULES = [
    Rule(
        id="goals.own-drafts",
        title="Eure Seite hat eigene Ziele formuliert",
        cards=(30,),
        severity=NOW,
        check=no_own_drafts,
        applies=on_a_side,
    ),
    Rule(
        id="goals.drafts-shared",
        title="Eure Seite hat Ziele mit der anderen geteilt",
        cards=(30, 31),
        severity=SOON,
        check=drafts_not_shared,
        applies=on_a_side,
    ),
    Rule(
        id="goals.joint-goal",
        title="Geteilte Ziele münden in ein gemeinsames Ziel",
        cards=(31,),
        severity=NOW,
        check=shared_without_joint,
    ),
    Rule(
        id="goals.steward",
        title="Jedes gemeinsame Ziel hat jemanden, der es im Blick behält",
        cards=(31,),
        severity=SOON,
        check=joint_without_steward,
    ),
    Rule(
        id="goals.obstacles",
        title="Hindernisse der gemeinsamen Ziele sind bedacht",
        cards=(31,),
        severity=HINT,
        check=joint_without_obstacles,
    ),
    Rule(
        id="goals.contributions",
        title="Jede Partner:in weiß, was sie einbringt",
        cards=(31, 20),
        severity=SOON,
        check=partners_without_contribution,
    ),
    Rule(
        id="goals.milestones",
        title="Gemeinsame Ziele haben Meilensteine",
        cards=(32,),
        severity=SOON,
        check=joint_without_milestones,
        applies=has_joint_goal,
    ),
    Rule(
        id="goals.milestones-overdue",
        title="Kein Meilenstein ist überfällig",
        cards=(32, 35),
        severity=NOW,
        check=milestones_overdue,
    ),
    Rule(
        id="goals.celebrate",
        title="Erreichte Meilensteine werden gefeiert",
        cards=(32, 52),
        severity=HINT,
        check=reached_not_celebrated,
    ),
    Rule(
        id="goals.red-lines",
        title="Eure Seite hat benannt, was nicht verhandelbar ist",
        cards=(33,),
        severity=SOON,
        check=no_red_lines,
        applies=on_a_side,
    ),
    Rule(
        id="goals.former-members",
        title="Ziele und Meilensteine liegen bei Menschen, die dabei sind",
        cards=(48,),
        severity=NOW,
        check=held_by_former_members,
    ),
]
