"""A link never changes what someone can see (issue 8 §1): one rule in workspaces.visibility
(``may_link``) for every link, and history entries that show each reader only the linked
items that reader may see."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from conflicts import services as conflicts
from decisions import services as decisions
from goals import services as goals
from history.services import history_for
from meetings import services as meetings
from structures import services as structures
from tests.factories import add_member, make_coproduction, make_user
from workspaces.services import WorkspaceError
from workspaces.visibility import Side

ADMIN, CIVIL = Side.ADMINISTRATION, Side.CIVIL_SOCIETY


@pytest.fixture
def world(db):
    class World:
        pass

    w = World()
    w.coordinator = make_user("koordination@amt.example")
    w.coproduction = make_coproduction(w.coordinator)  # the coordinator is on the admin side
    w.civil = add_member(w.coproduction, make_user("ini@example.org"), side=CIVIL).user
    return w


def page(user, path: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path, secure=True)
    assert response.status_code == 200
    return response.content.decode()


def decided(w, **fields):
    decision = decisions.decision_create(
        actor=w.coordinator,
        coproduction=w.coproduction,
        question=fields.pop("question", "Gemeinsamer Beschluss"),
        procedure="meeting",
        **fields,
    )
    return decisions.decision_record_in_meeting(
        actor=w.coordinator, decision=decision, yes=3, no=0, abstain=0, passed=True, outcome="Ja"
    )


def test_a_side_only_proposal_cannot_supersede_a_joint_decision(world):
    joint = decided(world)
    with pytest.raises(WorkspaceError, match="mindestens") as error:
        decisions.decision_supersede(
            actor=world.coordinator,
            decision=joint,
            reason="Interne Gründe des Amts",
            question="Heimlicher Ersatz",
            procedure="meeting",
            visibility="side",
            owner_side=ADMIN,
        )
    assert error.value.field == "visibility"
    assert not joint.replacements.exists()
    # A joint proposal may; the joint decision's history names it to every member.
    proposal = decisions.decision_supersede(
        actor=world.coordinator,
        decision=joint,
        reason="Neue Lage",
        question="Offener Ersatz",
        procedure="meeting",
    )
    decisions.decision_record_in_meeting(
        actor=world.coordinator,
        decision=proposal,
        yes=3,
        no=0,
        abstain=0,
        passed=True,
        outcome="Ja",
    )
    text = page(world.civil, f"/werkstatt/{world.coproduction.slug}/entscheidungen/{joint.pk}/")
    assert "Offener Ersatz – Neue Lage" in text


def test_history_shows_a_once_linked_goal_only_to_those_who_may_see_it(world):
    """The audit's case: a joint milestone was linked to a shared goal of the administration;
    the link goes, the goal becomes side-only again — its title must not stay readable for
    the civil society in the milestone's history."""
    c = {"actor": world.coordinator, "coproduction": world.coproduction}
    goal = goals.goal_create(
        **c,
        kind="side",
        owner_side=ADMIN,
        level="abstract",
        title="Haushaltslinie des Amts",
        visibility="coproduction",
    )
    milestone = goals.milestone_create(
        **c, owner_side="", title="Start", kind="process", due_date=date(2026, 5, 1), goal=goal
    )
    goals.milestone_update(
        actor=world.coordinator, milestone=milestone, expected_version=1, goal=None
    )
    goal.refresh_from_db()
    goals.goal_update(
        actor=world.coordinator, goal=goal, expected_version=goal.version, visibility="side"
    )
    path = f"/werkstatt/{world.coproduction.slug}/meilensteine/{milestone.pk}/"
    other_side = page(world.civil, path)
    assert "Haushaltslinie des Amts" not in other_side
    assert "(nicht sichtbar)" in other_side
    assert "Haushaltslinie des Amts" in page(world.coordinator, path)
    # Deleted, the goal stays hidden from those who could not see it when it was recorded.
    goals.goal_delete(actor=world.coordinator, goal=goal)
    assert "Haushaltslinie des Amts" not in page(world.civil, path)
    assert any(
        "(nicht sichtbar)" in before
        for _, before, _ in history_for(milestone)[0].readable_changes()
    )


def test_a_body_named_by_a_joint_meeting_cannot_become_side_only(world):
    body = structures.body_create(
        actor=world.coordinator,
        coproduction=world.coproduction,
        owner_side=ADMIN,
        name="Lenkungskreis",
        kind="steering",
        visibility="side",
    )
    structures.body_update(  # shown to all: the administration's body, seen by everyone
        actor=world.coordinator, body=body, expected_version=1, visibility="coproduction"
    )
    body.refresh_from_db()
    start = timezone.now() + timedelta(days=3)
    meetings.meeting_create(
        actor=world.coordinator,
        coproduction=world.coproduction,
        owner_side="",
        title="Sitzung",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="online",
        link="https://meet.example/x",
        body=body,
    )
    with pytest.raises(WorkspaceError, match="nennen dieses Gremium") as error:
        structures.body_update(
            actor=world.coordinator, body=body, expected_version=body.version, visibility="side"
        )
    assert error.value.field == "visibility"


def test_a_conflict_on_a_joint_agenda_cannot_become_side_only(world):
    conflict = conflicts.conflict_create(
        actor=world.coordinator,
        coproduction=world.coproduction,
        owner_side=ADMIN,
        title="Streit um Flächen",
        visibility="side",
    )
    conflicts.conflict_update(
        actor=world.coordinator, conflict=conflict, expected_version=1, visibility="coproduction"
    )
    conflict.refresh_from_db()
    start = timezone.now() + timedelta(days=3)
    meeting = meetings.meeting_create(
        actor=world.coordinator,
        coproduction=world.coproduction,
        owner_side="",
        title="Sitzung",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="online",
        link="https://meet.example/x",
    )
    meetings.agenda_item_add(
        actor=world.coordinator, meeting=meeting, title="Flächen", conflict=conflict
    )
    with pytest.raises(WorkspaceError, match="Tagesordnung"):
        conflicts.conflict_update(
            actor=world.coordinator,
            conflict=conflict,
            expected_version=conflict.version,
            visibility="side",
        )
