"""Who sees which goal, demand, obstacle and milestone — the one rule that must never break."""

import re

import pytest

from goals import selectors
from goals.forms import JointGoalForm, MilestoneForm
from goals.models import Demand, Goal
from tests.factories import make_goal, make_milestone, viewer_of
from tests.goals.conftest import login, url
from workspaces.visibility import Side, Visibility

pytestmark = pytest.mark.django_db

DRAFT = "Geheimer Entwurf der Verwaltung"


@pytest.fixture
def draft(coproduction):
    return make_goal(coproduction, side=Side.ADMINISTRATION, title=DRAFT)


def test_a_side_draft_is_listed_for_its_own_side_only(
    draft, coproduction, admin_member, civil_member
):
    own = login(admin_member.user).get(url("list", coproduction), secure=True)
    other = login(civil_member.user).get(url("list", coproduction), secure=True)

    assert DRAFT in own.content.decode()
    assert DRAFT not in other.content.decode()


@pytest.mark.parametrize("name", ["goal", "goal_delete"])
def test_the_other_side_gets_404_for_a_side_draft(draft, coproduction, civil_member, name):
    response = login(civil_member.user).get(url(name, coproduction, draft.pk), secure=True)

    assert response.status_code == 404


def test_the_other_side_cannot_share_or_edit_a_draft_it_does_not_see(
    draft, coproduction, civil_member
):
    client = login(civil_member.user)

    shared = client.post(url("share", coproduction), {"goal": draft.pk}, secure=True)
    edited = client.post(url("goal", coproduction, draft.pk), {"title": "x"}, secure=True)

    assert (shared.status_code, edited.status_code) == (404, 404)
    draft.refresh_from_db()
    assert draft.visibility == Visibility.SIDE


@pytest.mark.parametrize("name", ["list", "overlap", "strategy", "milestones"])
def test_non_members_get_404_for_every_page(draft, coproduction, outsider, name):
    assert login(outsider).get(url(name, coproduction), secure=True).status_code == 404


def test_non_members_get_404_for_an_item_even_when_it_is_public(coproduction, outsider):
    goal = make_goal(coproduction, visibility=Visibility.PUBLIC)

    assert login(outsider).get(url("goal", coproduction, goal.pk), secure=True).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(coproduction, client):
    response = client.get(url("list", coproduction), secure=True)

    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_sharing_makes_a_draft_visible_to_the_other_side(
    draft, coproduction, admin_member, civil_member
):
    confirmed = {"goal": draft.pk, "confirmed": "1"}
    login(admin_member.user).post(url("share", coproduction), confirmed, secure=True)

    client = login(civil_member.user)
    assert DRAFT in client.get(url("list", coproduction), secure=True).content.decode()
    assert client.get(url("goal", coproduction, draft.pk), secure=True).status_code == 200


def test_the_external_side_sees_shared_and_joint_goals_and_keeps_its_own_drafts(
    draft, coproduction, moderator, civil_member
):
    shared = make_goal(coproduction, side=Side.CIVIL_SOCIETY, visibility=Visibility.COPRODUCTION)
    joint = make_goal(coproduction, title="Gemeinsames Ziel")
    own = make_goal(coproduction, side=Side.EXTERNAL, title="Notiz der Moderation")
    viewer = viewer_of(moderator.user, coproduction)
    other = viewer_of(civil_member.user, coproduction)

    assert set(selectors.goals_for(viewer)) == {shared, joint, own}
    assert own not in set(selectors.goals_for(other))
    assert draft not in set(selectors.goals_for(viewer))


def test_demands_stay_with_their_side(coproduction, coordinator, civil_member):
    login(coordinator).post(
        url("demand_create", coproduction),
        {"kind": Demand.Kind.NON_NEGOTIABLE, "text": "Unsere rote Linie", "visibility": "side"},
        secure=True,
    )
    demand = Demand.objects.get()

    client = login(civil_member.user)
    assert (
        "Unsere rote Linie"
        not in client.get(url("list", coproduction), secure=True).content.decode()
    )
    assert client.get(url("demand", coproduction, demand.pk), secure=True).status_code == 404


def test_the_demand_form_starts_side_only(coproduction, coordinator):
    page = login(coordinator).get(url("demand_create", coproduction), secure=True).content.decode()

    assert re.search(r'<input type="radio" name="visibility" value="side"[^>]* checked>', page)


def test_a_joint_goal_offers_only_shared_side_goals_to_answer(draft, coproduction, civil_member):
    shared = make_goal(coproduction, side=Side.ADMINISTRATION, visibility=Visibility.COPRODUCTION)
    own_private = make_goal(coproduction, side=Side.CIVIL_SOCIETY)

    form = JointGoalForm(viewer=viewer_of(civil_member.user, coproduction))

    assert list(form.fields["answers"].queryset) == [shared]
    assert own_private not in form.fields["answers"].queryset


def test_a_milestone_form_offers_only_goals_the_viewer_sees(draft, coproduction, civil_member):
    form = MilestoneForm(viewer=viewer_of(civil_member.user, coproduction))

    assert draft not in form.fields["goal"].queryset


def test_a_goal_hidden_from_the_viewer_reads_as_none_on_a_milestone(
    draft, coproduction, civil_member
):
    # Written directly: the services refuse this link, but data from elsewhere must not leak.
    make_milestone(coproduction, goal=draft)

    page = login(civil_member.user).get(url("milestones", coproduction), secure=True)

    assert DRAFT not in page.content.decode()
    milestone = selectors.milestones_for(viewer_of(civil_member.user, coproduction)).get()
    assert milestone.goal is None


def test_joint_goals_list_only_the_answered_goals_the_viewer_sees(
    draft, coproduction, civil_member
):
    joint = make_goal(coproduction, title="Gemeinsam")
    joint.answers.add(draft)  # direct write, again: the services would refuse it

    page = login(civil_member.user).get(url("goal", coproduction, joint.pk), secure=True)

    assert DRAFT not in page.content.decode()


def test_the_overlap_counts_only_shared_goals_of_the_other_side(
    coproduction, admin_member, civil_member
):
    theirs_shared = make_goal(
        coproduction, side=Side.CIVIL_SOCIETY, visibility=Visibility.COPRODUCTION
    )
    make_goal(coproduction, side=Side.CIVIL_SOCIETY, title="Privat der Initiative")
    make_goal(coproduction, side=Side.ADMINISTRATION, title="Privat des Amts")
    make_goal(coproduction).answers.add(theirs_shared)

    summary = {
        row["owner_side"]: (row["total"], row["covered_count"])
        for row in selectors.overlap_summary(viewer_of(admin_member.user, coproduction))
    }

    assert summary == {Side.ADMINISTRATION: (1, 0), Side.CIVIL_SOCIETY: (1, 1)}
    page = login(admin_member.user).get(url("overlap", coproduction), secure=True)
    assert "Privat der Initiative" not in page.content.decode()
    assert "Privat des Amts" in page.content.decode()


def test_side_only_milestones_and_obstacles_stay_with_their_side(
    coproduction, coordinator, civil_member
):
    login(coordinator).post(
        url("milestone_create", coproduction),
        {
            "title": "Interne Abstimmung im Amt",
            "kind": "process",
            "due_date": "2025-10-01",
            "status": "planned",
            "past_confirmed": "on",
            "visibility": "side",
        },
        secure=True,
    )
    login(coordinator).post(
        url("obstacle_create", coproduction),
        {"description": "Haushaltssperre droht", "visibility": "side"},
        secure=True,
    )

    client = login(civil_member.user)
    assert (
        "Interne Abstimmung"
        not in client.get(url("milestones", coproduction), secure=True).content.decode()
    )
    assert (
        "Haushaltssperre"
        not in client.get(url("strategy", coproduction), secure=True).content.decode()
    )
    assert Goal.objects.count() == 0
