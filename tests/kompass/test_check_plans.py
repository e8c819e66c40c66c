"""The Kompass-Check's counts read an index, not every row of the co-production: at the bench's
xl level (20,000 goals, milestones and decisions) the rules that walked the rows made the
Check's first visit 2.9 times as costly as on the small level. SQLite has no statistics here
(as the app runs it), so its plans do not depend on how many rows there are: the plans of a
small co-production are those of a large one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals.models import Goal, Milestone
from kompass import registry
from tests.factories import add_member, make_coproduction, make_goal, make_milestone, make_user
from workspaces.checking import Context, unsettled
from workspaces.selectors import viewer_for
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db

# Rule → the indexes its queries read (covering: the counts touch no table row).
INDEXES = {
    "kompass.public": [
        "COVERING INDEX goal_visibility_idx",
        "COVERING INDEX milestone_visibility_idx",
        "COVERING INDEX meeting_visibility_idx",
    ],
    "goals.milestones-overdue": ["COVERING INDEX milestone_check_idx"],
    "goals.celebrate": ["COVERING INDEX milestone_check_idx"],
    "goals.steward": ["COVERING INDEX goal_check_idx"],
    "goals.obstacles": ["COVERING INDEX goal_check_idx"],
    "goals.former-members": [
        "COVERING INDEX goal_check_idx",
        "COVERING INDEX milestone_check_idx",
    ],
    "decisions.body": ["COVERING INDEX decision_check_idx"],
    "decisions.vote-ended": ["COVERING INDEX decision_check_idx"],
    "knowledge.kept": ["COVERING INDEX decision_check_idx"],
    "reflection.goal-changes": ["INDEX history_edited_idx"],
}


@pytest.fixture
def world():
    """A coordinator's co-production with a member who left (the former-members rule counts
    only then) and nothing public (the public rule then asks every kind of item)."""
    user = make_user()
    coproduction = make_coproduction(user, side=Side.CIVIL_SOCIETY)
    gone = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    make_goal(coproduction, steward=gone)
    make_milestone(coproduction, responsible=gone)
    gone.left_at = timezone.now()
    gone.save(update_fields=["left_at"])
    return viewer_for(user, coproduction), coproduction


def plans(viewer, coproduction, rule_id: str) -> str:
    rule = registry.get(rule_id)
    ctx = Context(viewer=viewer, coproduction=coproduction)
    _ = ctx.partners, ctx.members  # read once per run for all rules: not this rule's queries
    with CaptureQueriesContext(connection) as queries:
        if rule.concerns(ctx):  # knowledge.kept asks its questions to know whether it does
            rule.check(ctx)
    lines = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            lines += [str(row[-1]) for row in cursor.fetchall()]
    return "\n".join(lines)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN")
@pytest.mark.parametrize("rule_id", sorted(INDEXES))
def test_the_rule_counts_from_its_index(world, rule_id):
    text = plans(*world, rule_id)
    for index in INDEXES[rule_id]:
        assert f"USING {index} " in text, text
    assert "SCAN" not in text, text


def test_former_members_start_from_who_left_and_find_what_the_join_found(world):
    """Goals and open milestones held by someone who left, as the join over every goal and
    milestone to its person found them: the same finding and the same state."""
    viewer, coproduction = world
    gone = coproduction.memberships.get(left_at__isnull=False)
    make_milestone(coproduction, responsible=gone, status=Milestone.Status.REACHED)
    make_goal(coproduction, steward=add_member(coproduction))
    joined = [
        unsettled(rows, one="{names}", many="{names}", url="", label=lambda row: row.title)
        for rows in (
            Goal.objects.visible_to(viewer).filter(steward__left_at__isnull=False),
            Milestone.objects.visible_to(viewer).filter(
                status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS],
                responsible__left_at__isnull=False,
            ),
        )
    ]
    problem = registry.get("goals.former-members").check(
        Context(viewer=viewer, coproduction=coproduction, now=timezone.now())
    )
    assert problem.state == "|".join(p.state for p in joined)
    assert [p.state.split(":")[0] for p in joined] == ["1", "1"]
