"""Hostile posts to the leave page: foreign successors, hidden items, a second submit."""

import pytest

from handover.models import Handover
from tests.factories import make_coproduction, make_user
from workspaces.models import Membership

from .test_leave import holdings, leave_url, login, post_data  # noqa: F401 — shared fixture

pytestmark = pytest.mark.django_db


def test_a_side_only_item_goes_to_nobody_of_the_other_side(
    holdings,  # noqa: F811 — the fixture imported above
    civil_member,
    admin_member,
):
    data = post_data(holdings, secret=admin_member.pk)
    response = login(civil_member.user).post(leave_url(civil_member), data, secure=True)
    assert response.status_code == 200
    holdings["secret"].refresh_from_db()
    civil_member.refresh_from_db()
    assert holdings["secret"].responsible_id == civil_member.pk and civil_member.left_at is None


def test_nobody_of_another_coproduction_takes_over(holdings, civil_member):  # noqa: F811
    other = make_coproduction(make_user("fremd@example.org"))
    stranger = Membership.objects.filter(coproduction=other).first()
    for data in (
        post_data(holdings, goal=stranger.pk),
        {**post_data(holdings), "handover_to": stranger.pk},
    ):
        response = login(civil_member.user).post(leave_url(civil_member), data, secure=True)
        assert response.status_code == 200
    civil_member.refresh_from_db()
    assert civil_member.left_at is None and not Handover.objects.exists()


def test_a_second_submit_finds_the_membership_ended(
    holdings,  # noqa: F811
    civil_member,
    civil_successor,
):
    data = {**post_data(holdings), "handover_to": civil_successor.pk}
    client = login(civil_member.user)
    assert client.post(leave_url(civil_member), data, secure=True).status_code == 302
    assert client.post(leave_url(civil_member), data, secure=True).status_code in (403, 404)
    assert Handover.objects.count() == 1
