"""Leaving asks who takes over each mandate, stewardship and milestone (card 48) — and never
shows what the one ending the membership may not see."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from goals.models import Goal, Milestone
from handover.models import Handover
from structures.models import Mandate
from tests.factories import make_goal, make_milestone
from tests.goals.conftest import login
from workspaces.models import Membership

from .conftest import make_body, make_mandate


def leave_url(membership):
    return reverse("handover:leave", args=[membership.coproduction.slug, membership.pk])


@pytest.fixture
def holdings(coproduction, coordinator, civil_member):
    body = make_body(coproduction, coordinator, name="Plenum")
    return {
        "mandate": make_mandate(body, civil_member, coordinator),
        "goal": make_goal(coproduction, title="Kantinen regional", steward=civil_member),
        "milestone": make_milestone(
            coproduction,
            title="Ausschreibung steht",
            responsible=civil_member,
            due_date=timezone.localdate() + timedelta(days=30),
        ),
        "secret": make_milestone(
            coproduction,
            side="civil_society",
            visibility="side",
            title="Geheimer Plan der Initiative",
            responsible=civil_member,
            due_date=timezone.localdate() + timedelta(days=30),
        ),
    }


def post_data(holdings, **successors):
    data = {}
    for name in ("mandate", "goal", "milestone", "secret"):
        item = holdings[name]
        key = f"{type(item).__name__.lower()}-{item.pk}"
        data[f"{key}-version"] = item.version
        data[key] = successors.get(name, "")
    return data


def test_the_leave_page_lists_what_the_person_holds_with_successors(
    holdings, civil_member, civil_successor
):
    page = login(civil_member.user).get(leave_url(civil_member), secure=True).content.decode()
    for text in ("Plenum", "Kantinen regional", "Ausschreibung steht", "Geheimer Plan"):
        assert text in page
    assert str(civil_successor) in page


def test_the_other_sides_coordinator_sees_nothing_of_the_sides_own_items(
    holdings, coordinator, civil_member
):
    page = login(coordinator).get(leave_url(civil_member), secure=True).content.decode()
    assert "Kantinen regional" in page
    assert "Geheimer Plan" not in page
    assert "übergibt diese Seite selbst" in page


def test_leaving_hands_each_item_over_in_one_go_with_history(
    holdings, civil_member, civil_successor
):
    s = civil_successor.pk
    response = login(civil_member.user).post(
        leave_url(civil_member),
        {**post_data(holdings, mandate=s, goal=s, milestone=s), "handover_to": s},
        secure=True,
    )
    assert response.status_code == 302
    civil_member.refresh_from_db()
    assert civil_member.left_at is not None
    new = Mandate.objects.get(body=holdings["mandate"].body, ended_on__isnull=True)
    assert new.holder == civil_successor
    assert Goal.objects.get(pk=holdings["goal"].pk).steward == civil_successor
    assert Milestone.objects.get(pk=holdings["milestone"].pk).responsible == civil_successor
    # The side's own milestone was not chosen for anyone: it stays, the Check names it.
    assert Milestone.objects.get(pk=holdings["secret"].pk).responsible == civil_member
    handover = Handover.objects.get()
    assert (handover.leaving, handover.successor) == (civil_member, civil_successor)


def test_left_open_stays_with_the_person_and_the_check_names_it(
    holdings, coproduction, civil_member, coordinator
):
    from kompass import check
    from workspaces.selectors import viewer_for

    login(civil_member.user).post(leave_url(civil_member), post_data(holdings), secure=True)
    assert Membership.objects.get(pk=civil_member.pk).left_at is not None
    report = check.run(viewer_for(coordinator, coproduction), coproduction)
    open_ids = {f.rule.id for f in report.open}
    assert {"goals.former-members", "structures.mandate-former-member"} <= open_ids


def test_a_change_meanwhile_stops_everything_and_keeps_the_choices(
    holdings, civil_member, civil_successor
):
    data = post_data(holdings, goal=civil_successor.pk)
    Goal.objects.filter(pk=holdings["goal"].pk).update(version=5)
    response = login(civil_member.user).post(leave_url(civil_member), data, secure=True)
    assert response.status_code == 200
    assert "hat jemand geändert" in response.content.decode()
    assert Membership.objects.get(pk=civil_member.pk).left_at is None
    assert Mandate.objects.filter(holder=civil_member, ended_on__isnull=True).exists()
    form = response.context["form"]
    assert form.data[f"goal-{holdings['goal'].pk}"] == str(civil_successor.pk)
    assert form.data[f"goal-{holdings['goal'].pk}-version"] == 5


def test_a_mandate_goes_only_to_someone_of_the_same_partner(holdings, civil_member, admin_member):
    data = post_data(holdings, mandate=admin_member.pk)
    response = login(civil_member.user).post(leave_url(civil_member), data, secure=True)
    assert response.status_code == 200
    assert Membership.objects.get(pk=civil_member.pk).left_at is None


def test_a_member_ends_only_their_own_membership(civil_member, admin_member):
    assert login(admin_member.user).get(leave_url(civil_member), secure=True).status_code == 403


def test_the_last_coordinator_is_told_and_stays(coproduction, coordinator):
    me = Membership.objects.get(user=coordinator)
    response = login(coordinator).post(leave_url(me), {}, secure=True)
    assert response.status_code == 200
    assert "letzte Koordination" in response.content.decode()


def test_the_member_page_leads_to_the_leave_page(civil_member):
    url = reverse("workspaces:member", args=[civil_member.coproduction.slug, civil_member.pk])
    page = login(civil_member.user).get(url, secure=True).content.decode()
    assert leave_url(civil_member) in page


def test_the_leave_page_costs_the_same_queries_however_much_the_person_holds(
    coproduction, civil_member, civil_successor
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = login(civil_member.user).get(leave_url(civil_member), secure=True)
            assert response.status_code == 200
        return len(captured)

    make_goal(coproduction, steward=civil_member)
    queries()  # the first request also fills the per-process caches
    few = queries()
    for _ in range(10):
        make_goal(coproduction, steward=civil_member)
        make_milestone(
            coproduction,
            responsible=civil_member,
            due_date=timezone.localdate() + timedelta(days=9),
        )
    assert queries() == few
