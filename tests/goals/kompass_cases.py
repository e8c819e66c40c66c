"""The goals rules' cases for tests/kompass/test_rules.py: (make the state, settle it)."""

from datetime import date

from goals.models import Contribution, Demand, Milestone, Obstacle
from tests.factories import add_member, make_goal
from tests.kompass.world import NOW, update
from workspaces.visibility import Side, Visibility


def _steward_left(w):
    other = add_member(w.coproduction, side=Side.CIVIL_SOCIETY)
    goal = make_goal(w.coproduction, steward=other)
    update(other, left_at=NOW)
    return goal


CASES = {
    "goals.own-drafts": (
        lambda w: None,
        lambda w, s: make_goal(w.coproduction, side=Side.CIVIL_SOCIETY),
    ),
    "goals.drafts-shared": (
        lambda w: make_goal(w.coproduction, side=Side.CIVIL_SOCIETY),
        lambda w, s: update(s, visibility=Visibility.COPRODUCTION),
    ),
    "goals.joint-goal": (
        lambda w: make_goal(
            w.coproduction, side=Side.ADMINISTRATION, visibility=Visibility.COPRODUCTION
        ),
        lambda w, s: make_goal(w.coproduction, steward=w.me),
    ),
    "goals.steward": (
        lambda w: make_goal(w.coproduction),
        lambda w, s: update(s, steward=w.me),
    ),
    "goals.obstacles": (
        lambda w: make_goal(w.coproduction),
        lambda w, s: Obstacle.objects.create(coproduction=w.coproduction, goal=s, description="x"),
    ),
    "goals.contributions": (
        lambda w: None,
        lambda w, s: [
            Contribution.objects.create(
                coproduction=w.coproduction, partner=p, kind="knowledge", description="x"
            )
            for p in (w.civil, w.office)
        ],
    ),
    "goals.milestones": (
        lambda w: make_goal(w.coproduction),
        lambda w, s: Milestone.objects.create(
            coproduction=w.coproduction, title="M", kind="content", due_date=date(2030, 1, 1)
        ),
    ),
    "goals.milestones-overdue": (
        lambda w: Milestone.objects.create(
            coproduction=w.coproduction, title="M", kind="content", due_date=date(2020, 1, 1)
        ),
        lambda w, s: update(s, status=Milestone.Status.REACHED),
    ),
    "goals.celebrate": (
        lambda w: Milestone.objects.create(
            coproduction=w.coproduction,
            title="M",
            kind="content",
            due_date=date(2020, 1, 1),
            status=Milestone.Status.REACHED,
        ),
        lambda w, s: update(s, celebrated=True),
    ),
    "goals.red-lines": (
        lambda w: None,
        lambda w, s: Demand.objects.create(
            coproduction=w.coproduction,
            owner_side=Side.CIVIL_SOCIETY,
            kind=Demand.Kind.NON_NEGOTIABLE,
            text="x",
            visibility=Visibility.SIDE,
        ),
    ),
    "goals.former-members": (_steward_left, lambda w, s: update(s, steward=w.me)),
}
