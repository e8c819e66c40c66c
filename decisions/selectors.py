"""Reads of decisions — always through visibility (visible_to).

Linked bodies, meetings, goals and the decisions a decision supersedes or is superseded by
are prefetched through ``visible_to`` as well, so a page never shows a title its viewer may
not see: a hidden link simply reads as ``None`` or is missing from the list.
"""

from django.db.models import Prefetch, Q

from decisions.models import Decision, Vote
from goals.models import Goal
from meetings.models import Meeting
from structures.models import Body
from workspaces.models import Membership
from workspaces.visibility import audience

VOTING_ACCESS = (Membership.Access.COORDINATION, Membership.Access.MEMBER)


def decisions_for(viewer):
    visible = Decision.objects.visible_to(viewer)
    return (
        Decision.objects.visible_to(viewer)
        .select_related("prepared_by__user")
        .prefetch_related(
            Prefetch("body", queryset=Body.objects.visible_to(viewer)),
            Prefetch("meeting", queryset=Meeting.objects.visible_to(viewer)),
            Prefetch("goals", queryset=Goal.objects.visible_to(viewer).order_by("id")),
            Prefetch("supersedes", queryset=visible),
            Prefetch("replacements", queryset=visible),
        )
    )


def decision_detail_for(viewer):
    return decisions_for(viewer).prefetch_related("options")


def decision_log(viewer, *, body: int | None = None, status: str = "", goal: int | None = None):
    """The Beschlussbuch: newest first, filtered by body, status and goal."""
    rows = decisions_for(viewer)
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
