"""Query plans that stay linear as a co-production grows (SQLite's EXPLAIN QUERY PLAN).

A correlated subquery runs once per row; with a list of ids inside it, SQLite walked every
joint goal for every side goal (the overlap page: 5.8 s at 10,000 goals). These tests read
the plans, so a rewrite that brings such a shape back fails here before it is slow anywhere.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions import selectors as decision_selectors
from decisions.models import Decision
from goals import selectors as goal_selectors
from goals.models import Goal
from resources import selectors as resource_selectors
from resources.models import Funding
from tests.factories import make_coproduction, make_user, viewer_of
from workspaces.models import Partner
from workspaces.visibility import Side

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner is the one at risk"),
]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def plan_of_the_one_query(read) -> str:
    """The plan of the one query ``read()`` runs."""
    with CaptureQueriesContext(connection) as queries:
        read()
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.fixture
def viewer():
    founder = make_user()
    return viewer_of(founder, make_coproduction(founder))


@pytest.mark.parametrize("covered", [True, False])
def test_a_page_of_the_overlap_is_read_in_order_without_a_subquery_per_row(viewer, covered):
    """Each part of the overlap page (a side's goals, covered or not) walks the index in the
    page's order and stops after the window; sorting every side goal by its computed mark
    made the xl page 3.2 times the small one."""
    rows = goal_selectors.OverlapRows(viewer, [])
    text = plan(rows.part(Side.ADMINISTRATION, covered)[200:300])
    assert "CORRELATED" not in text, text
    assert "TEMP B-TREE" not in text, text
    assert "goal_side_order_idx" in text, text


def test_the_overlap_counts_from_the_index_alone(viewer):
    """The summary counts every side goal the viewer sees; visibility is in the index, so
    no row is read (and the page's paginator takes its count from here)."""
    summary = plan_of_the_one_query(lambda: goal_selectors.overlap_summary(viewer))
    assert "CORRELATED" not in summary, summary
    assert "COVERING INDEX goal_side_order_idx" in summary, summary


@pytest.mark.parametrize("rows", ["own_drafts", "shared_drafts_of_others"])
def test_the_goal_lists_read_a_page_in_order_and_count_from_the_index(viewer, rows):
    queryset = getattr(goal_selectors, rows)(viewer)
    text = plan(queryset[:10])
    assert "TEMP B-TREE" not in text, text
    text = plan(queryset.order_by().values("pk"))
    assert "COVERING INDEX goal_side_order_idx" in text, text


@pytest.mark.parametrize("filters", [{}, {"status": "decided"}, {"goal": 1}, {"body": 1}])
def test_the_beschlussbuch_reads_without_a_subquery_per_row(viewer, filters):
    text = plan(decision_selectors.decision_log(viewer, **filters))
    assert "CORRELATED" not in text, text
    text = plan(decision_selectors.goals_with_decisions(viewer))
    assert "CORRELATED" not in text, text


def test_a_page_of_the_beschlussbuch_is_read_in_order_not_sorted(viewer):
    """The newest 20 of 20,000 decisions come from the index on (co-production, created_at,
    id); sorting the whole log per page made the xl log 2.9x the small one."""
    text = plan(decision_selectors.decision_log(viewer)[:20])
    assert "TEMP B-TREE" not in text, text


def test_the_beschlussbuch_counts_from_the_index_alone(viewer):
    text = plan(decision_selectors.decision_log(viewer).order_by().values("pk"))
    assert "COVERING INDEX" in text, text


def prefetch_plans(queryset) -> str:
    """The plans of every query ``list(queryset)`` runs (its prefetches too)."""
    return plans_of_all(lambda: list(queryset))


def plans_of_all(read) -> str:
    """The plans of every query ``read()`` runs."""
    with CaptureQueriesContext(connection) as queries:
        read()
    texts = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            texts.append("\n".join(str(row[-1]) for row in cursor.fetchall()))
    return "\n--\n".join(texts)


def test_a_goal_page_fetches_its_linked_goals_by_key(viewer):
    """A joint goal's page named its two side goals through a join that walked every goal of
    the co-production (the xl page 1.8 times the small one)."""
    joint = Goal.objects.create(
        coproduction_id=viewer.coproduction_id, kind=Goal.Kind.JOINT, level="concrete", title="G"
    )
    text = prefetch_plans(goal_selectors.goal_detail_for(viewer, joint.pk).filter(pk=joint.pk))
    assert "goal_side_order_idx" not in text, text
    assert "SCAN" not in text, text


def test_a_milestone_s_goal_is_fetched_by_key(viewer):
    goal = Goal.objects.create(
        coproduction_id=viewer.coproduction_id, kind=Goal.Kind.JOINT, level="concrete", title="G"
    )
    text = plan(goal_selectors.goals_by_key(viewer).filter(pk__in=[goal.pk, goal.pk + 1]))
    assert "goal_side_order_idx" not in text, text
    assert "TEMP B-TREE" not in text, text


def test_a_decision_s_replacements_are_fetched_by_key(viewer):
    """In the Beschlussbuch's order (its index) the replacements of one decision walked every
    decision of the co-production (the xl decision page 1.8 times the small one)."""
    decision = Decision.objects.create(
        coproduction_id=viewer.coproduction_id, question="Q", procedure="consensus"
    )
    text = plans_of_all(lambda: decision_selectors.decision_for(viewer, decision.pk))
    assert "decisions_decision" in text, text
    text += plan(Decision.objects.visible_to(viewer).order_by().filter(supersedes_id__in=[1, 2]))
    assert "decisions_d_coprodu" not in text, text


def test_a_page_of_fundings_fetches_its_positions_by_key(viewer):
    funding = Funding.objects.create(
        coproduction_id=viewer.coproduction_id,
        partner=Partner.objects.filter(coproduction_id=viewer.coproduction_id).first(),
        title="Förderung",
        source=Funding.Source.values[0],
    )
    with CaptureQueriesContext(connection) as queries:
        resource_selectors.with_positions(viewer, [funding])
    texts = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            texts += [str(row[-1]) for row in cursor.fetchall()]
    text = "\n".join(texts)
    positions = [line for line in texts if "resources_position USING" in line]
    assert positions and all("rowid" in line for line in positions), text
    assert "SCAN" not in text, text


def test_the_goals_page_counts_its_sections_from_the_index_alone(viewer):
    """The goals page counts its four sections in one pass over an index of the
    co-production's goals (it holds every column asked), without reading a row: SQLite takes
    goal_side_order_idx or the Kompass-Check's goal_check_idx, both hold them."""
    text = plan_of_the_one_query(lambda: goal_selectors.goal_counts(viewer))
    assert "goals_goal USING COVERING INDEX goal_" in text, text
