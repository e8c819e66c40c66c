"""A goal is set for a date still to come (issue 9 §6)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from goals import services
from goals.models import Goal
from goals.services import GoalError
from tests.factories import make_goal
from workspaces.visibility import Side

from .conftest import login, url


def test_a_goal_due_in_the_past_is_refused_next_to_the_field_with_the_input_kept(
    coproduction, coordinator
):
    response = login(coordinator).post(
        url("goal_create", coproduction),
        {
            "level": "concrete",
            "title": "Jede Kita kocht frisch",
            "due_date": "2020-09-01",
            "visibility": "side",
        },
        secure=True,
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Goal.objects.exists()
    assert "(01.09.2020) liegt in der Vergangenheit" in html
    assert 'value="Jede Kita kocht frisch"' in html


def test_a_goal_whose_date_has_passed_can_still_be_edited_without_moving_it(
    coproduction, coordinator
):
    goal = make_goal(coproduction, side=Side.ADMINISTRATION, title="Altes Ziel")
    yesterday = timezone.localdate() - timedelta(days=1)
    Goal.objects.filter(pk=goal.pk).update(level="concrete", due_date=yesterday)
    goal.refresh_from_db()

    services.goal_update(
        actor=coordinator, goal=goal, expected_version=goal.version, title="Altes Ziel, verpasst"
    )
    with pytest.raises(GoalError, match="Vergangenheit"):
        services.goal_update(
            actor=coordinator, goal=goal, expected_version=goal.version, due_date=date(2020, 1, 1)
        )
