"""Reads of goals, strategy and milestones — always through visibility (visible_to).

Related goals (a milestone's goal, an obstacle's goal, the side goals a joint goal answers)
are prefetched through ``visible_to`` as well, so a template can never show a goal its
viewer may not see: a hidden goal simply reads as ``None`` or is missing from the list.
"""

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q
from django.utils import timezone

from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from workspaces.visibility import Visibility

TIMELINE_LIMIT = 20


def _visible_goals(viewer):
    return Goal.objects.visible_to(viewer)


def goals_for(viewer):
    return (
        Goal.objects.visible_to(viewer)
        .select_related("steward__user", "steward__partner")
        .prefetch_related(Prefetch("answers", queryset=_visible_goals(viewer)))
    )


def goal_detail_for(viewer):
    """One goal with both directions of the joint/side link, each filtered by visibility."""
    joint = _visible_goals(viewer).filter(kind=Goal.Kind.JOINT)
    return goals_for(viewer).prefetch_related(Prefetch("answered_by", queryset=joint))


def goal_choices(viewer):
    """Goals a milestone or obstacle may point to: those the viewer sees."""
    return Goal.objects.visible_to(viewer).order_by("kind", "owner_side", "id")


def milestone_count(viewer) -> int:
    return Milestone.objects.visible_to(viewer).count()


def own_drafts(viewer):
    """Our side's own goals, whatever their visibility (card 30)."""
    return (
        Goal.objects.visible_to(viewer)
        .filter(kind=Goal.Kind.SIDE, owner_side=viewer.side)
        .order_by("level", "id")
    )


def shared_drafts_of_others(viewer):
    """The other sides' goals — only those they shared (visible_to leaves nothing else)."""
    return (
        Goal.objects.visible_to(viewer)
        .filter(kind=Goal.Kind.SIDE)
        .exclude(owner_side=viewer.side)
        .order_by("owner_side", "level", "id")
    )


def joint_goals(viewer):
    """Joint goals with their stewards; the goals they answer come per page (with_answers)."""
    return (
        _visible_goals(viewer)
        .filter(kind=Goal.Kind.JOINT)
        .select_related("steward__user", "steward__partner")
        .order_by("id")
    )


def answerable_goals(viewer):
    """Side goals a joint goal may answer: shared ones only, never a side's private draft."""
    return (
        Goal.objects.visible_to(viewer)
        .filter(kind=Goal.Kind.SIDE)
        .exclude(visibility=Visibility.SIDE)
        .order_by("owner_side", "level", "id")
    )


def _covered(viewer) -> ExpressionWrapper:
    """Whether a joint goal the viewer sees answers the side goal. The answered goals are one
    set, computed once (``pk IN (…)``, not correlated): a subquery per row made SQLite walk
    every joint goal for every side goal — quadratic, 5.8 s at 10,000 goals."""
    joint_ids = _visible_goals(viewer).filter(kind=Goal.Kind.JOINT).values("pk")
    answered = Goal.answers.through.objects.filter(from_goal__in=joint_ids).values("to_goal_id")
    return ExpressionWrapper(Q(pk__in=answered), output_field=BooleanField())


def overlap_goals(viewer):
    """Every side goal the viewer sees, marked whether a visible joint goal answers it. Which
    joint goals answer a row is added per page by ``with_answering``."""
    return (
        Goal.objects.visible_to(viewer)
        .filter(kind=Goal.Kind.SIDE)
        .annotate(covered=_covered(viewer))
        .order_by("owner_side", "-covered", "level", "id")
    )


def _attach_links(viewer, goals, *, kind, mine: str, theirs: str, attr: str) -> list:
    """Sets ``goal.<attr>``: the goals of ``kind`` the viewer sees that are linked to each goal
    (by id). Two lookups by index and primary key, linear in the rows: a prefetch joining goals
    to the links let SQLite walk every goal of the co-production once per row."""
    goals = list(goals)
    links = list(
        Goal.answers.through.objects.filter(
            **{f"{mine}__in": [goal.pk for goal in goals]}
        ).values_list(mine, theirs)
    )
    found = {
        goal.pk: goal
        for goal in _visible_goals(viewer)
        .filter(kind=kind, pk__in={other for _, other in links})
        .order_by()
    }
    linked: dict[int, list] = {}
    for goal_id, other in sorted(links, key=lambda link: link[1]):
        if other in found:
            linked.setdefault(goal_id, []).append(found[other])
    for goal in goals:
        setattr(goal, attr, linked.get(goal.pk, []))
    return goals


def with_answering(viewer, goals) -> list:
    """Side goals, each with the joint goals it is answered by (``answering``)."""
    return _attach_links(
        viewer,
        goals,
        kind=Goal.Kind.JOINT,
        mine="to_goal_id",
        theirs="from_goal_id",
        attr="answering",
    )


def with_answers(viewer, goals) -> list:
    """Joint goals, each with the side goals it answers (``answer_list``)."""
    return _attach_links(
        viewer,
        goals,
        kind=Goal.Kind.SIDE,
        mine="from_goal_id",
        theirs="to_goal_id",
        attr="answer_list",
    )


def overlap_summary(viewer) -> list[dict]:
    """Per side: how many of its (visible) goals the joint goals cover, in one query."""
    return list(
        Goal.objects.visible_to(viewer)
        .filter(kind=Goal.Kind.SIDE)
        .annotate(covered=_covered(viewer))
        .values("owner_side")
        .annotate(total=Count("id"), covered_count=Count("id", filter=Q(covered=True)))
        .order_by("owner_side")
    )


def demands_for(viewer):
    return Demand.objects.visible_to(viewer)


def own_demands(viewer):
    return demands_for(viewer).filter(owner_side=viewer.side).order_by("kind", "id")


def shared_demands_of_others(viewer):
    return demands_for(viewer).exclude(owner_side=viewer.side).order_by("owner_side", "kind", "id")


def contributions_for(viewer):
    return (
        Contribution.objects.visible_to(viewer)
        .select_related("partner")
        .order_by("partner__side", "partner__name", "kind", "id")
    )


def obstacles_for(viewer):
    return (
        Obstacle.objects.visible_to(viewer)
        .prefetch_related(Prefetch("goal", queryset=_visible_goals(viewer)))
        .order_by("goal_id", "id")
    )


def stewarded_goals(viewer):
    """Joint goals with the member who watches over each (card 31)."""
    return (
        _visible_goals(viewer)
        .filter(kind=Goal.Kind.JOINT)
        .select_related("steward__user", "steward__partner")
        .order_by("id")
    )


def milestones_for(viewer):
    return (
        Milestone.objects.visible_to(viewer)
        .select_related("responsible__user")
        .prefetch_related(Prefetch("goal", queryset=_visible_goals(viewer)))
    )


def timeline_milestones(viewer, *, today, limit: int = TIMELINE_LIMIT) -> list[Milestone]:
    """At most ``limit`` milestones nearest to today, in date order (two bounded queries)."""
    rows = Milestone.objects.visible_to(viewer).only(
        "id", "title", "kind", "status", "due_date", "visibility", "owner_side", "celebrated"
    )
    before = list(rows.filter(due_date__lt=today).order_by("-due_date", "-id")[:limit])
    after = list(rows.filter(due_date__gte=today).order_by("due_date", "id")[:limit])
    nearest = sorted(before + after, key=lambda m: (abs((m.due_date - today).days), m.due_date))
    return sorted(nearest[:limit], key=lambda m: (m.due_date, m.id))


def next_milestones(viewer, limit: int = 5):
    today = timezone.localdate()
    return (
        milestones_for(viewer)
        .filter(status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS])
        .filter(due_date__gte=today)
        .order_by("due_date", "id")[:limit]
    )


def overdue_milestones(viewer):
    today = timezone.localdate()
    return milestones_for(viewer).filter(
        status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS], due_date__lt=today
    )
