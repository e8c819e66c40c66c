"""Reads of goals, strategy and milestones — always through visibility (visible_to).

Related goals (a milestone's goal, an obstacle's goal, the side goals a joint goal answers)
are prefetched through ``visible_to`` as well, so a template can never show a goal its
viewer may not see: a hidden goal simply reads as ``None`` or is missing from the list.
"""

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q
from django.utils import timezone

from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from workspaces.concurrency import row_key
from workspaces.visibility import Side, Visibility

TIMELINE_LIMIT = 20


def _visible_goals(viewer):
    return Goal.objects.visible_to(viewer)


def goals_by_key(viewer):
    """Visible goals for a prefetch that names them by key (a milestone's goal), unsorted:
    in the goals' default order — that of the index on (co-production, kind, side, level,
    id) — SQLite walked every goal of the co-production to fetch the few named."""
    return _visible_goals(viewer).order_by()


# The default order of side goals without their kind (which is the same for them all): a
# list of a goal's linked goals sorted with the kind walked the index on (co-production,
# kind, …), every goal of the co-production, instead of fetching the few by key.
SIDE_GOAL_ORDER = ("owner_side", "level", "id")


def goals_for(viewer):
    return (
        Goal.objects.visible_to(viewer)
        .select_related("steward__user", "steward__partner")
        .prefetch_related(Prefetch("answers", queryset=_visible_goals(viewer)))
    )


def goal_detail_for(viewer, pk: int):
    """Goal ``pk`` with both directions of the joint/side link, each filtered by visibility.
    The linked goals are named by key (the links of this goal): joined from the links alone,
    SQLite walked every goal of the co-production for one goal's page. The kind of a joint
    goal is asked inside that set, since a kind beside the key made it walk every joint goal."""
    links = Goal.answers.through.objects
    answers = links.filter(from_goal_id=pk).values("to_goal_id")
    answered_by = links.filter(to_goal_id=pk, from_goal__kind=Goal.Kind.JOINT).values(
        "from_goal_id"
    )
    return (
        Goal.objects.visible_to(viewer)
        .select_related("steward__user", "steward__partner")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=_visible_goals(viewer).filter(pk__in=answers).order_by(*SIDE_GOAL_ORDER),
            ),
            Prefetch(
                "answered_by",
                queryset=_visible_goals(viewer).filter(pk__in=answered_by).order_by("level", "id"),
            ),
        )
    )


def goal_choices(viewer):
    """Goals a milestone or obstacle may point to: those the viewer sees."""
    return Goal.objects.visible_to(viewer).order_by("kind", "owner_side", "id")


def milestone_count(viewer) -> int:
    return Milestone.objects.visible_to(viewer).count()


# The sections of the goals page, each a condition on the goals the viewer sees: the section's
# rows and its count (``goal_counts``) are read through the same one.
def _own(viewer) -> Q:
    return Q(kind=Goal.Kind.SIDE, owner_side=viewer.side)


def _of_others(viewer) -> Q:
    # Named by the other sides (a side goal always has one), not as "not ours": a range per
    # side reads the page from the index, where excluding ours walked every goal of ours.
    return Q(kind=Goal.Kind.SIDE, owner_side__in=[s for s in Side.values if s != viewer.side])


JOINT = Q(kind=Goal.Kind.JOINT)


def own_drafts(viewer):
    """Our side's own goals, whatever their visibility (card 30)."""
    return Goal.objects.visible_to(viewer).filter(_own(viewer)).order_by("level", "id")


def shared_drafts_of_others(viewer):
    """The other sides' goals — only those they shared (visible_to leaves nothing else)."""
    return (
        Goal.objects.visible_to(viewer)
        .filter(_of_others(viewer))
        .order_by("owner_side", "level", "id")
    )


def joint_goals(viewer):
    """Joint goals with their stewards; the goals they answer come per page (with_answers)."""
    return (
        _visible_goals(viewer)
        .filter(JOINT)
        .select_related("steward__user", "steward__partner")
        .order_by("id")
    )


def goal_counts(viewer) -> dict[str, int]:
    """How many goals each section of the goals page holds (``_own``, ``_of_others``,
    ``JOINT``), and how many of our own are not shared yet: counted per kind and side in one
    pass over goal_side_order_idx, grouped in its order (it holds every column asked). A
    count per section, each with its condition, cost twice the Python work of this."""
    counts = dict.fromkeys(("own", "unshared", "others", "joint"), 0)
    rows = (
        Goal.objects.visible_to(viewer)
        .order_by()
        .values_list("kind", "owner_side")
        .annotate(n=Count("pk"), unshared=Count("pk", filter=Q(visibility=Visibility.SIDE)))
    )
    for kind, side, n, unshared in rows:
        if kind == Goal.Kind.JOINT:
            counts["joint"] += n
        elif side == viewer.side:
            counts["own"] += n
            counts["unshared"] += unshared
        elif side in Side.values:
            counts["others"] += n
    return counts


def answerable_goals(viewer):
    """Side goals a joint goal may answer: shared ones only, never a side's private draft."""
    return (
        Goal.objects.visible_to(viewer)
        .filter(kind=Goal.Kind.SIDE)
        .exclude(visibility=Visibility.SIDE)
        .order_by("owner_side", "level", "id")
    )


def _answered(viewer) -> Q:
    """Whether a joint goal the viewer sees answers the side goal. The answered goals are one
    set, computed once (``pk IN (…)``, not correlated): a subquery per row made SQLite walk
    every joint goal for every side goal — quadratic, 5.8 s at 10,000 goals."""
    joint_ids = _visible_goals(viewer).filter(kind=Goal.Kind.JOINT).values("pk")
    answered = Goal.answers.through.objects.filter(from_goal__in=joint_ids).values("to_goal_id")
    return Q(pk__in=answered)


def _covered(viewer) -> ExpressionWrapper:
    return ExpressionWrapper(_answered(viewer), output_field=BooleanField())


class OverlapRows:
    """Every side goal the viewer sees, marked (``covered``) whether a visible joint goal
    answers it, in the overlap page's order — per side (``summary``: ``overlap_summary``) the
    covered goals first, each part by level and id — read one window at a time, for a
    paginator. Which joint goals answer a row is added per page by ``with_answering``.

    Sorting every side goal by its computed mark made the page grow with the co-production
    (the xl demo: 3.2 times the small one). Here each part (side, covered or not) is its own
    query that walks the index on (co-production, kind, side, level, id) and stops at the end
    of the window; how many rows each part holds comes from the summary, which the page reads
    anyway, so the paginator needs no count of its own. At most two queries per side."""

    def __init__(self, viewer, summary: list[dict]):
        self.viewer = viewer
        self.parts = [
            (row["owner_side"], covered, count)
            for row in summary
            for covered, count in (
                (True, row["covered_count"]),
                (False, row["total"] - row["covered_count"]),
            )
            if count
        ]

    def count(self) -> int:
        return sum(count for _, _, count in self.parts)

    def __len__(self) -> int:
        return self.count()

    def part(self, side: str, covered: bool):
        answered = _answered(self.viewer)
        return (
            Goal.objects.visible_to(self.viewer)
            .filter(kind=Goal.Kind.SIDE, owner_side=side)
            .filter(answered if covered else ~answered)
            .order_by("level", "id")
        )

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        stop = self.count() if stop is None else stop
        rows, offset = [], 0
        for side, covered, count in self.parts:
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                for goal in self.part(side, covered)[low:high]:
                    goal.covered = covered
                    rows.append(goal)
            offset += count
        return rows


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
    # The kind is checked here, not in the query: with it there, SQLite walked every goal of
    # that kind in the index on (co-production, kind, …) instead of fetching these by key.
    found = {
        goal.pk: goal
        for goal in _visible_goals(viewer).filter(pk__in={other for _, other in links}).order_by()
        if goal.kind == kind
    }
    linked: dict[int, list] = {}
    for goal_id, other in sorted(links, key=lambda link: link[1]):
        if other in found:
            linked.setdefault(goal_id, []).append(found[other])
    for goal in goals:
        setattr(goal, attr, linked.get(goal.pk, []))
    return goals


def with_answering(viewer, goals) -> list:
    """Side goals, each with the joint goals it is answered by (``answering``) and the key of
    its row on the overlap page (goals/_overlap_row.html)."""
    goals = _attach_links(
        viewer,
        goals,
        kind=Goal.Kind.JOINT,
        mine="to_goal_id",
        theirs="from_goal_id",
        attr="answering",
    )
    for goal in goals:
        goal.row_key = row_key(goal, goal.answering)
    return goals


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


def _own_demand(viewer) -> Q:
    return Q(owner_side=viewer.side)


def own_demands(viewer):
    return demands_for(viewer).filter(_own_demand(viewer)).order_by("kind", "id")


def shared_demands_of_others(viewer):
    return demands_for(viewer).exclude(_own_demand(viewer)).order_by("owner_side", "kind", "id")


def demand_counts(viewer) -> dict[str, int]:
    """How many demands are ours and how many the other sides shared, in one query."""
    counts = {"own": 0, "others": 0}
    rows = demands_for(viewer).order_by().values_list("owner_side").annotate(n=Count("pk"))
    for side, n in rows:
        counts["own" if side == viewer.side else "others"] += n
    return counts


def contributions_for(viewer):
    return (
        Contribution.objects.visible_to(viewer)
        .select_related("partner")
        .order_by("partner__side", "partner__name", "kind", "id")
    )


def obstacles_for(viewer):
    return (
        Obstacle.objects.visible_to(viewer)
        .prefetch_related(Prefetch("goal", queryset=goals_by_key(viewer)))
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
        .prefetch_related(Prefetch("goal", queryset=goals_by_key(viewer)))
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
