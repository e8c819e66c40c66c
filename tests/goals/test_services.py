import copy
from datetime import date, timedelta

import pytest

from goals import selectors, services, timeline
from goals.models import Contribution, Demand, Goal, Milestone
from goals.services import GoalError
from history.models import ChangeRecord
from history.services import history_for
from tests.factories import make_goal, make_milestone, partner_on, viewer_of
from workspaces.concurrency import StaleEdit
from workspaces.visibility import Side, Visibility

pytestmark = pytest.mark.django_db


def side_draft(coproduction, actor, side=Side.ADMINISTRATION, **fields):
    values = {"level": Goal.Level.ABSTRACT, "title": "Bezahlbares Essen für alle", **fields}
    return services.goal_create(
        actor=actor, coproduction=coproduction, kind=Goal.Kind.SIDE, owner_side=side, **values
    )


def test_a_side_draft_starts_side_only_and_its_creation_is_recorded(coproduction, coordinator):
    goal = side_draft(coproduction, coordinator, dimensions=["material", "social"])

    assert goal.visibility == Visibility.SIDE
    assert goal.owner_side == Side.ADMINISTRATION
    record = history_for(goal).get()
    assert record.action == ChangeRecord.Action.CREATED
    assert record.actor == coordinator
    assert record.changes["title"] == [None, "Bezahlbares Essen für alle"]


def test_a_concrete_goal_needs_a_due_date(coproduction, coordinator):
    with pytest.raises(GoalError) as error:
        side_draft(coproduction, coordinator, level=Goal.Level.CONCRETE)

    assert error.value.field == "due_date"
    assert not Goal.objects.exists()


def test_a_joint_goal_links_the_shared_side_goals_it_answers(coproduction, coordinator):
    ours = make_goal(coproduction, side=Side.ADMINISTRATION, visibility=Visibility.COPRODUCTION)
    theirs = make_goal(coproduction, side=Side.CIVIL_SOCIETY, visibility=Visibility.COPRODUCTION)

    joint = services.goal_create(
        actor=coordinator,
        coproduction=coproduction,
        kind=Goal.Kind.JOINT,
        owner_side=Side.ADMINISTRATION,
        level=Goal.Level.ABSTRACT,
        title="Gutes Essen in allen Kitas",
        answers=[ours, theirs],
    )

    assert joint.owner_side == ""
    assert joint.visibility == Visibility.COPRODUCTION
    assert set(joint.answers.all()) == {ours, theirs}
    assert set(ours.answered_by.all()) == {joint}
    assert sorted(a["label"] for a in history_for(joint).get().changes["answers"][1]) == sorted(
        [ours.title, theirs.title]
    )


def test_a_joint_goal_cannot_answer_a_draft_nobody_shared(coproduction, coordinator):
    private = make_goal(coproduction, side=Side.CIVIL_SOCIETY)

    with pytest.raises(GoalError) as error:
        services.goal_create(
            actor=coordinator,
            coproduction=coproduction,
            kind=Goal.Kind.JOINT,
            owner_side="",
            level=Goal.Level.ABSTRACT,
            title="Gemeinsam",
            answers=[private],
        )

    assert error.value.field == "answers"
    assert not Goal.objects.filter(kind=Goal.Kind.JOINT).exists()


def test_a_joint_goal_is_never_side_only(coproduction, coordinator):
    with pytest.raises(GoalError):
        services.goal_create(
            actor=coordinator,
            coproduction=coproduction,
            kind=Goal.Kind.JOINT,
            owner_side="",
            level=Goal.Level.ABSTRACT,
            title="Gemeinsam",
            visibility=Visibility.SIDE,
        )


def test_sharing_all_drafts_shares_only_our_sides_private_ones_and_records_it(
    coproduction, coordinator
):
    first = make_goal(coproduction, side=Side.ADMINISTRATION)
    second = make_goal(coproduction, side=Side.ADMINISTRATION)
    public = make_goal(coproduction, side=Side.ADMINISTRATION, visibility=Visibility.PUBLIC)
    theirs = make_goal(coproduction, side=Side.CIVIL_SOCIETY)

    shared = services.goals_share(
        actor=coordinator, coproduction=coproduction, side=Side.ADMINISTRATION
    )

    assert shared == 2
    for goal in (first, second):
        goal.refresh_from_db()
        assert goal.visibility == Visibility.COPRODUCTION
        assert goal.version == 2
        record = history_for(goal).get(action=ChangeRecord.Action.SHARED)
        assert record.changes == {"visibility": ["side", "coproduction"]}
    public.refresh_from_db()
    theirs.refresh_from_db()
    assert public.visibility == Visibility.PUBLIC
    assert theirs.visibility == Visibility.SIDE


def test_sharing_one_draft_leaves_the_others_private(coproduction, coordinator):
    first = make_goal(coproduction, side=Side.ADMINISTRATION)
    second = make_goal(coproduction, side=Side.ADMINISTRATION)

    services.goals_share(
        actor=coordinator,
        coproduction=coproduction,
        side=Side.ADMINISTRATION,
        goal_ids=[first.pk],
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.visibility, second.visibility) == (Visibility.COPRODUCTION, Visibility.SIDE)


def test_an_update_records_before_and_after_even_when_a_form_changed_the_item_already(
    coproduction, coordinator
):
    goal = side_draft(coproduction, coordinator)
    goal.title = "Schon im Speicher geändert"  # as ModelForm.is_valid() does

    services.goal_update(
        actor=coordinator, goal=goal, expected_version=1, title="Schon im Speicher geändert"
    )

    record = history_for(goal).filter(action=ChangeRecord.Action.UPDATED).get()
    assert record.changes == {"title": ["Bezahlbares Essen für alle", "Schon im Speicher geändert"]}


def test_the_second_of_two_concurrent_edits_is_refused_and_the_first_stays(
    coproduction, coordinator, admin_member
):
    goal = side_draft(coproduction, coordinator)
    mine, yours = copy.copy(goal), copy.copy(goal)

    services.goal_update(actor=coordinator, goal=mine, expected_version=1, title="Erste Fassung")
    with pytest.raises(StaleEdit) as error:
        services.goal_update(
            actor=admin_member.user, goal=yours, expected_version=1, title="Zweite Fassung"
        )

    assert error.value.current.title == "Erste Fassung"
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Erste Fassung", 2)
    assert history_for(goal).filter(action=ChangeRecord.Action.UPDATED).count() == 1


def test_a_shared_goal_that_a_joint_goal_answers_cannot_become_private_again(
    coproduction, coordinator
):
    shared = make_goal(coproduction, side=Side.ADMINISTRATION, visibility=Visibility.COPRODUCTION)
    make_goal(coproduction).answers.add(shared)

    with pytest.raises(GoalError) as error:
        services.goal_update(
            actor=coordinator, goal=shared, expected_version=1, visibility=Visibility.SIDE
        )

    assert error.value.field == "visibility"
    shared.refresh_from_db()
    assert shared.visibility == Visibility.COPRODUCTION


def test_changing_which_goals_a_joint_goal_answers_is_recorded(coproduction, coordinator):
    a = make_goal(coproduction, side=Side.ADMINISTRATION, visibility=Visibility.COPRODUCTION)
    b = make_goal(coproduction, side=Side.CIVIL_SOCIETY, visibility=Visibility.COPRODUCTION)
    joint = make_goal(coproduction)
    joint.answers.add(a)

    services.goal_update(actor=coordinator, goal=joint, expected_version=1, answers=[b])

    assert list(joint.answers.all()) == [b]
    record = history_for(joint).get()
    assert set(record.changes) == {"answers"}
    labels = [[goal["label"] for goal in side] for side in record.changes["answers"]]
    assert labels == [[a.title], [b.title]]


def test_deleting_an_item_someone_just_changed_is_refused(coproduction, coordinator):
    goal = side_draft(coproduction, coordinator)
    services.goal_update(actor=coordinator, goal=goal, expected_version=1, title="Neu")

    with pytest.raises(StaleEdit):
        services.goal_delete(actor=coordinator, goal=goal, expected_version=1)
    services.goal_delete(actor=coordinator, goal=goal, expected_version=2)

    assert not Goal.objects.exists()
    assert history_for(goal).first().action == ChangeRecord.Action.DELETED


def test_demands_are_side_only_unless_chosen_otherwise(coproduction, coordinator):
    demand = services.demand_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        kind=Demand.Kind.NON_NEGOTIABLE,
        text="Die Vergabe bleibt rechtssicher.",
    )

    assert demand.visibility == Visibility.SIDE
    assert demand.owner_side == Side.ADMINISTRATION


def test_a_contribution_belongs_to_its_partners_side(coproduction, coordinator):
    partner = partner_on(coproduction, Side.CIVIL_SOCIETY)

    contribution = services.contribution_create(
        actor=coordinator,
        coproduction=coproduction,
        partner=partner,
        kind=Contribution.Kind.KNOWLEDGE,
        description="Wissen über die Bedarfe im Quartier",
    )

    assert contribution.owner_side == Side.CIVIL_SOCIETY
    assert contribution.visibility == Visibility.COPRODUCTION


def test_a_shared_milestone_cannot_point_to_a_goal_only_one_side_sees(coproduction, coordinator):
    private = make_goal(coproduction, side=Side.ADMINISTRATION)

    with pytest.raises(GoalError) as error:
        services.milestone_create(
            actor=coordinator,
            coproduction=coproduction,
            owner_side=Side.ADMINISTRATION,
            title="Konzept fertig",
            kind=Milestone.Kind.CONTENT,
            due_date=date(2025, 9, 1),
            goal=private,
        )

    assert error.value.field == "goal"
    services.milestone_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        title="Konzept fertig",
        kind=Milestone.Kind.CONTENT,
        due_date=date(2025, 9, 1),
        goal=private,
        visibility=Visibility.SIDE,
    )


def test_reaching_a_milestone_sets_the_day_and_it_can_be_celebrated_and_published(
    coproduction, coordinator
):
    milestone = make_milestone(coproduction)

    services.milestone_update(
        actor=coordinator,
        milestone=milestone,
        expected_version=1,
        status=Milestone.Status.REACHED,
    )
    assert milestone.reached_on is not None
    services.milestone_celebrate(actor=coordinator, milestone=milestone, expected_version=2)
    services.milestone_publish(actor=coordinator, milestone=milestone, expected_version=3)

    milestone.refresh_from_db()
    assert milestone.celebrated
    assert milestone.visibility == Visibility.PUBLIC
    assert milestone.version == 4
    assert history_for(milestone).count() == 3


def test_only_a_reached_milestone_can_be_celebrated(coproduction, coordinator):
    milestone = make_milestone(coproduction)

    with pytest.raises(GoalError):
        services.milestone_celebrate(actor=coordinator, milestone=milestone, expected_version=1)


def test_a_milestone_no_longer_reached_loses_its_day_and_celebration(coproduction, coordinator):
    milestone = make_milestone(
        coproduction, status=Milestone.Status.REACHED, reached_on=date(2025, 5, 1), celebrated=True
    )

    services.milestone_update(
        actor=coordinator,
        milestone=milestone,
        expected_version=1,
        status=Milestone.Status.IN_PROGRESS,
    )

    milestone.refresh_from_db()
    assert (milestone.reached_on, milestone.celebrated) == (None, False)


def test_the_timeline_keeps_the_milestones_nearest_to_today(coproduction, coordinator):
    today = date(2026, 3, 1)
    for offset in range(-50, 50):
        make_milestone(coproduction, due_date=today + timedelta(days=10 * offset))
    viewer = viewer_of(coordinator, coproduction)

    shown = selectors.timeline_milestones(viewer, today=today, limit=10)

    assert len(shown) == 10
    assert max(abs((m.due_date - today).days) for m in shown) == 50
    assert [m.due_date for m in shown] == sorted(m.due_date for m in shown)


def test_the_timeline_picture_is_an_accessible_svg_without_style_attributes(coproduction):
    coproduction.planned_end = date(2026, 12, 31)
    milestones = [
        make_milestone(coproduction, title="Konzept <fertig>", due_date=date(2025, 6, 1)),
        make_milestone(
            coproduction,
            title="Vereinbarung unterzeichnet",
            kind=Milestone.Kind.PROCESS,
            due_date=date(2025, 6, 2),
            status=Milestone.Status.REACHED,
        ),
    ]

    picture = timeline.build(coproduction, milestones, today=date(2025, 8, 1), total=75)

    svg = str(picture.svg)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "style=" not in svg
    assert "Konzept &lt;fertig&gt;" in svg
    assert "heute" in svg and "Ende 31.12.2026" in svg
    assert "<polygon" in svg  # the process milestone is a diamond
    assert {e.lane for e in picture.entries} == {0, 1}  # a day apart: they do not overlap
    assert picture.limited and picture.total == 75


def test_an_open_ended_co_production_says_so_on_the_timeline(coproduction):
    picture = timeline.build(coproduction, [], today=date(2025, 8, 1), total=0)

    assert "Ende offen" in str(picture.svg)


def test_crowded_milestones_in_a_long_co_production_get_a_zoomed_axis(coproduction):
    coproduction.start_date = date(2024, 1, 1)
    today = date(2026, 11, 20)
    crowded = [
        make_milestone(coproduction, due_date=today + timedelta(days=i // 3)) for i in range(30)
    ]
    sparse = [make_milestone(coproduction, due_date=date(2025, 6, 1))]

    zoomed = timeline.build(coproduction, crowded, today=today, total=30)
    plain = timeline.build(coproduction, sparse, today=today, total=1)

    assert zoomed.zoomed and "Vergrößert" in str(zoomed.svg)
    assert max(e.lane for e in zoomed.entries) < timeline.MAX_LANES - 1  # room to breathe
    assert not plain.zoomed and "Vergrößert" not in str(plain.svg)
