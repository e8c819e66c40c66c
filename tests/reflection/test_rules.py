"""The reflection's Kompass-Check rules beyond the minimal cases: what counts as standing behind
a goal change, and that both sides get the same findings."""

from django.utils import timezone

from decisions.models import Decision
from goals import services as goal_services
from kompass import check
from reflection import services
from tests.factories import add_member, make_goal
from tests.kompass.world import NUMBERS, World
from workspaces.selectors import viewer_for
from workspaces.visibility import Side, Visibility

from .helpers import answers
from .kompass_cases import _round


def findings(world, user):
    report = check.run(viewer_for(user, world.coproduction), world.coproduction)
    return {f.rule.id: f.problem.text for f in report.open}


def _changed(world):
    goal = make_goal(world.coproduction, title="Regional einkaufen")
    return goal_services.goal_update(
        actor=world.user, goal=goal, expected_version=goal.version, description="Mehr Höfe"
    )


def _decision(world, goal, **fields):
    decision = Decision.objects.create(
        coproduction=world.coproduction,
        number=next(NUMBERS),
        question="Ziel erweitern?",
        status=Decision.Status.DECIDED,
        decided_at=timezone.now(),
        **fields,
    )
    decision.goals.add(goal)
    return decision


def test_a_side_only_decision_does_not_stand_behind_a_joint_goal_change(db):
    world = World()
    goal = _changed(world)
    _decision(world, goal, visibility=Visibility.SIDE, owner_side=Side.ADMINISTRATION)
    mine, theirs = findings(world, world.user), findings(world, world.official.user)
    assert (
        "reflection.goal-changes" in mine
        and "Regional einkaufen" in mine["reflection.goal-changes"]
    )
    # The side that made the decision learns nothing the other would not: same finding.
    assert mine["reflection.goal-changes"] == theirs["reflection.goal-changes"]


def test_a_shared_decision_stands_behind_a_joint_goal_change(db):
    world = World()
    goal = _changed(world)
    _decision(world, goal, visibility=Visibility.COPRODUCTION)
    assert "reflection.goal-changes" not in findings(world, world.user)


def test_a_goal_changed_only_in_who_looks_after_it_is_no_change_of_content(db):
    world = World()
    goal = make_goal(world.coproduction)
    goal_services.goal_update(
        actor=world.user, goal=goal, expected_version=goal.version, steward=world.me
    )
    assert "reflection.goal-changes" not in findings(world, world.user)


def test_opportunities_rated_low_without_a_consequence_are_named(db):
    world = World()
    round_ = _round(world)
    extra = add_member(world.coproduction, side=Side.ADMINISTRATION)
    for member in (world.me, world.official, extra):
        services.response_save(membership=member, round_=round_, answers=answers(2))
    services.round_close(actor=world.user, round_=round_)
    text = findings(world, world.user)["reflection.opportunities"]
    assert "zurückhaltend" in text and "2,0" in text
    assert text == findings(world, world.official.user)["reflection.opportunities"]
    services.consequence_create(actor=world.user, round_=round_, text="Chancen sammeln")
    assert "reflection.opportunities" not in findings(world, world.user)


def test_a_round_with_too_few_answers_does_not_count_as_revisiting_the_opportunities(db):
    world = World()
    round_ = _round(world)
    for member in (world.me, world.official):
        services.response_save(membership=member, round_=round_, answers=answers(5))
    services.round_close(actor=world.user, round_=round_)
    assert "Seit über einem Jahr" in findings(world, world.user)["reflection.opportunities"]


def test_an_overdue_reflection_names_the_last_round(db):
    world = World()
    services.settings_save(actor=world.user, coproduction=world.coproduction, interval_months=3)
    round_ = _round(world)
    type(round_).objects.filter(pk=round_.pk).update(
        opens_on=timezone.localdate().replace(year=timezone.localdate().year - 1)
    )
    text = findings(world, world.user)["reflection.due"]
    assert "alle 3 Monate" in text and "letzte Reflexionsrunde" in text
