"""Reads of decisions — always through visibility (visible_to).

Linked bodies, meetings, goals and the decisions a decision supersedes or is superseded by
are read through ``visible_to`` as well, so a page never shows a title its viewer may not
see: a hidden link simply reads as ``None`` or is missing from the list.
"""

from django.db.models import Prefetch, Q, prefetch_related_objects

from decisions.models import Decision, Vote
from goals.models import Goal
from meetings.models import Meeting
from structures.models import Body
from workspaces.concurrency import row_key
from workspaces.models import Membership
from workspaces.visibility import attach_visible, audience, get_visible

VOTING_ACCESS = (Membership.Access.COORDINATION, Membership.Access.MEMBER)


# Who prepared a decision: named on its page and in the exports, not in the log's rows.
PREPARED_BY = "prepared_by__user"


def _by_key(viewer):
    # Named by key, unsorted (the model sorts the replacements): in the Beschlussbuch's order,
    # that of an index, SQLite walked every decision of the co-production to find the few.
    return Decision.objects.visible_to(viewer).order_by()


def decision_for(viewer, pk: int) -> Decision:
    """One decision for its own page (and a ballot on the overview), or 404: with who prepared
    it, its options, its replacements (those pending too) and what it names, looked up by key
    as ``with_links`` does for the log — prefetches cost a seventh of the page's Python work."""
    decision = get_visible(
        Decision.objects.select_related(PREPARED_BY).prefetch_related(
            "options", Prefetch("replacements", queryset=_by_key(viewer))
        ),
        viewer,
        pk=pk,
    )
    attach_visible(viewer, [decision], "body", "meeting", "supersedes")
    return decision


def with_links(viewer, decisions) -> list:
    """Rows of the log (a page, a chunk of an export) with what they name: their goals, body,
    meeting and the decision each supersedes, looked up by key (``attach_visible``); and the
    replacements of those superseded — the only rows that name theirs (``superseded_by``),
    so the others never ask (``pending_replacement`` is for a decision's own page)."""
    decisions = attach_visible(
        viewer, with_goals(viewer, decisions), "body", "meeting", "supersedes"
    )
    superseded = [d for d in decisions if d.status == Decision.Status.SUPERSEDED]
    if superseded:
        prefetch_related_objects(superseded, Prefetch("replacements", queryset=_by_key(viewer)))
    for decision in decisions:  # what its row shows (decisions/_log_row.html), as seen
        linked = (decision.body, decision.meeting, decision.supersedes, decision.superseded_by)
        decision.row_key = row_key(decision, *linked, decision.goal_list)
    return decisions


CHUNK = 500  # ids per IN (…): well below SQLite's limit on query parameters


def with_goals(viewer, decisions) -> list:
    """The decisions, each with the goals it concerns that the viewer sees (``goal_list``,
    by id). Two lookups by primary key or index, linear in the rows: the links of these
    decisions, then their goals. A prefetch joining goals to the links let SQLite walk every
    goal of the co-production once per decision — 10 s for 2,000 decisions at 10,000 goals."""
    decisions = list(decisions)
    links = []
    ids = [d.pk for d in decisions]
    for start in range(0, len(ids), CHUNK):
        links += Decision.goals.through.objects.filter(
            decision_id__in=ids[start : start + CHUNK]
        ).values_list("decision_id", "goal_id")
    goal_ids = sorted({goal_id for _, goal_id in links})
    goals = {}
    for start in range(0, len(goal_ids), CHUNK):
        chunk = goal_ids[start : start + CHUNK]
        visible = Goal.objects.visible_to(viewer).filter(pk__in=chunk).order_by()
        goals.update((g.pk, g) for g in visible)
    by_decision: dict[int, list] = {}
    for decision_id, goal_id in sorted(links, key=lambda link: link[1]):
        if goal_id in goals:
            by_decision.setdefault(decision_id, []).append(goals[goal_id])
    for decision in decisions:
        decision.goal_list = by_decision.get(decision.pk, [])
    return decisions


def decisions_in_chunks(viewer, **filters):
    """The whole log for an export, newest first, CHUNK decisions at a time with their goals:
    time and memory grow linearly with the log."""
    ids = list(decision_log(viewer, **filters).values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # Without an order the lookup goes by primary key, not through an index scan.
        rows = _by_key(viewer).select_related(PREPARED_BY).filter(pk__in=chunk)
        by_pk = {decision.pk: decision for decision in with_links(viewer, rows)}
        yield from (by_pk[pk] for pk in chunk)


def decision_log(viewer, *, body: int | None = None, status: str = "", goal: int | None = None):
    """The Beschlussbuch: newest first, filtered by body, status and goal; a page's rows get
    what they name from ``with_links``."""
    rows = Decision.objects.visible_to(viewer)
    if body:
        rows = rows.filter(body_id=body)
    if status:
        rows = rows.filter(status=status)
    if goal:
        rows = rows.filter(goals__id=goal)
    return rows.order_by("-created_at", "-id")


def body_choices(viewer):
    return Body.objects.visible_to(viewer).order_by("name")


def goal_choices(viewer):
    """Goals a decision may concern: joint ones and the viewer's side's."""
    return (
        Goal.objects.visible_to(viewer)
        .filter(Q(kind=Goal.Kind.JOINT) | Q(owner_side=viewer.side))
        .order_by("kind", "id")
    )


def goals_with_decisions(viewer):
    """Goals to filter the log by: those the viewer sees that some visible decision concerns."""
    decided = Decision.objects.visible_to(viewer).values("pk")
    # Start from the link table: joining goals to it lets SQLite run the subquery per goal.
    linked = Decision.goals.through.objects.filter(decision__in=decided).values("goal_id")
    return Goal.objects.visible_to(viewer).filter(pk__in=linked).order_by("title")


def meeting_choices(viewer):
    return Meeting.objects.visible_to(viewer).order_by("-starts_at")


def votes_of(decision):
    return (
        Vote.objects.filter(decision=decision)
        .select_related("membership__user", "membership__partner")
        .order_by("membership__partner__side", "id")
    )


def eligible_voters(decision: Decision):
    """Members who may vote: coordination and members, not observers; one side's only for a
    side-only decision."""
    return audience(decision).filter(access__in=VOTING_ACCESS)
