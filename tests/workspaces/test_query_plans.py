"""Query plans that stay linear as a co-production grows (SQLite's EXPLAIN QUERY PLAN).

A correlated subquery runs once per row; with a list of ids inside it, SQLite walked every
joint goal for every side goal (the overlap page: 5.8 s at 10,000 goals). These tests read
the plans, so a rewrite that brings such a shape back fails here before it is slow anywhere.
"""

import pytest
from django.db import connection

from decisions import selectors as decision_selectors
from goals import selectors as goal_selectors
from tests.factories import make_coproduction, make_user, viewer_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner is the one at risk"),
]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.fixture
def viewer():
    founder = make_user()
    return viewer_of(founder, make_coproduction(founder))


def test_the_overlap_marks_covered_goals_without_a_subquery_per_row(viewer):
    text = plan(goal_selectors.overlap_goals(viewer))
    assert "CORRELATED" not in text, text


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
