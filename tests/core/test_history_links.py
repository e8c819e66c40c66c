"""A page's history looks up the items its entries link to together: the queries stay the same
however many entries and links it shows, and each link still shows its label only to who may
see the item."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals import services as goals
from goals.models import Goal
from tests.factories import add_member, make_coproduction, make_goal, make_user
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def answer(coordinator, joint, goals_answered):
    joint.refresh_from_db()
    goals.goal_update(
        actor=coordinator, goal=joint, expected_version=joint.version, answers=goals_answered
    )


def page_queries(client, user, coproduction, goal) -> tuple[int, str]:
    client.force_login(user)
    url = f"/werkstatt/{coproduction.slug}/ziele/{goal.pk}/"
    client.get(url, secure=True)  # warm what a process reads once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_history_of_a_page_reads_its_links_at_once(client):
    coordinator = make_user()
    coproduction = make_coproduction(coordinator)
    civil = make_user()
    add_member(coproduction, civil, side=Side.CIVIL_SOCIETY)
    side_goals = [
        make_goal(coproduction, side=Side.ADMINISTRATION, visibility="coproduction")
        for _ in range(8)
    ]
    joint = make_goal(coproduction)
    answer(coordinator, joint, side_goals[:2])
    goals.goal_delete(actor=coordinator, goal=side_goals[0])  # gone: its deletion says
    few, _ = page_queries(client, coordinator, coproduction, joint)
    for count in range(3, 9):  # six more entries, each naming up to seven goals
        answer(coordinator, joint, side_goals[1:count])
    hidden = side_goals[1]
    Goal.objects.filter(pk=hidden.pk).update(visibility="side")  # no longer shared
    many, text = page_queries(client, coordinator, coproduction, joint)
    assert many == few, f"{few} queries with one entry in the history, {many} with seven"
    assert hidden.title in text
    _, other_side = page_queries(client, civil, coproduction, joint)
    assert hidden.title not in other_side
    assert "(nicht sichtbar)" in other_side
    assert side_goals[2].title in other_side
