"""The Check's rules about positions and funding see what their viewer sees: a finding about a
side-only item reaches only that side and names nothing else; the timeline's gap is computed
from the visible funding only."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kompass import check
from resources import services
from resources.timeline import build, gaps
from tests.factories import add_member, make_coproduction, make_user
from tests.resources.factories import make_funding, make_position
from workspaces.models import Membership
from workspaces.selectors import viewer_for
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db
SECRET = "Amtsinterne Haushaltsreserve"


@pytest.fixture
def world():
    civil_user = make_user()
    coproduction = make_coproduction(
        civil_user, side=Side.CIVIL_SOCIETY, planned_end=date(2031, 12, 31)
    )
    official = add_member(
        coproduction, side=Side.ADMINISTRATION, access=Membership.Access.COORDINATION
    )
    return coproduction, civil_user, official


def findings(user, coproduction) -> dict[str, str]:
    report = check.run(viewer_for(user, coproduction), coproduction)
    return {f.rule.id: f.problem.text for f in report.open}


def test_a_side_only_funding_without_a_path_is_found_by_its_side_only(world):
    coproduction, civil_user, official = world
    funding = make_funding(
        coproduction, official.user, official.partner, title=SECRET, end_date=date(2030, 6, 30)
    )
    admin = findings(official.user, coproduction)
    assert SECRET in admin["resources.follow-up"]
    assert "resources.follow-up" not in findings(civil_user, coproduction)

    services.funding_update(
        actor=official.user,
        funding=funding,
        expected_version=funding.version,
        follow_up="follow_on",
        follow_up_owner=official,
        decide_by=date(2029, 12, 31),
    )
    assert "resources.follow-up" not in findings(official.user, coproduction)


def test_a_funding_ending_with_the_co_production_needs_no_path(world):
    coproduction, _civil_user, official = world
    make_funding(coproduction, official.user, official.partner, end_date=date(2031, 12, 31))
    assert "resources.follow-up" not in findings(official.user, coproduction)


def test_a_position_ending_early_needs_someone_who_takes_over(world):
    coproduction, _civil_user, official = world
    position = make_position(
        coproduction, official.user, official.partner, title=SECRET, end_date=date(2028, 1, 1)
    )
    assert SECRET in findings(official.user, coproduction)["resources.follow-up"]
    services.position_update(
        actor=official.user,
        position=position,
        expected_version=position.version,
        handover="Übergabe an die Amtsleitung, Einarbeitung drei Monate vorher.",
    )
    assert "resources.follow-up" not in findings(official.user, coproduction)


def test_a_paid_civil_member_without_a_position_is_the_civil_sides_finding(world):
    coproduction, civil_user, official = world
    me = Membership.objects.get(user=civil_user)
    Membership.objects.filter(pk=me.pk).update(employment="paid")
    assert "resources.paid-civil-role" in findings(civil_user, coproduction)
    assert "resources.paid-civil-role" not in findings(official.user, coproduction)
    make_position(coproduction, civil_user, me.partner, holder=me, contract="fee")
    assert "resources.paid-civil-role" not in findings(civil_user, coproduction)


def test_a_side_only_time_share_settles_the_point_for_its_side_and_is_not_named_elsewhere(
    world,
):
    coproduction, civil_user, official = world
    name = str(official)
    assert name in findings(official.user, coproduction)["resources.time-share"]
    make_position(
        coproduction, official.user, official.partner, title=SECRET, holder=official
    )  # 25 % of the time, side-only
    assert "resources.time-share" not in findings(official.user, coproduction)
    civil = findings(civil_user, coproduction)["resources.time-share"]
    assert name in civil and "fragt nach" in civil and SECRET not in civil


def test_gaps_are_the_stretches_no_funding_covers():
    start, end = date(2027, 1, 1), date(2027, 12, 31)
    assert gaps([], start=start, end=end) == [(start, end)]
    assert gaps([(None, None)], start=start, end=end) == []
    periods = [(date(2026, 1, 1), date(2027, 3, 31)), (date(2027, 6, 1), date(2027, 9, 30))]
    assert gaps(periods, start=start, end=end) == [
        (date(2027, 4, 1), date(2027, 5, 31)),
        (date(2027, 10, 1), end),
    ]
    assert gaps(periods, start=start, end=None) == [
        (date(2027, 4, 1), date(2027, 5, 31)),
        (date(2027, 10, 1), None),
    ]


def test_the_other_side_sees_a_gap_where_only_a_side_only_funding_covers(world):
    coproduction, civil_user, official = world
    today = timezone.localdate()
    make_funding(coproduction, official.user, official.partner, end_date=today + timedelta(999))
    admin = build(coproduction, viewer_for(official.user, coproduction), today=today)
    civil = build(coproduction, viewer_for(civil_user, coproduction), today=today)
    assert admin.gaps == [(today + timedelta(1000), date(2031, 12, 31))]
    assert civil.gaps == [(today, date(2031, 12, 31))] and not civil.rows


def test_what_has_ended_is_no_longer_asked_about(world):
    coproduction, _civil_user, official = world
    make_funding(coproduction, official.user, official.partner, end_date=date(2020, 12, 31))
    report = check.run(viewer_for(official.user, coproduction), coproduction)
    looked_at = {f.rule.id for f in report.open} | {rule.id for rule in report.settled}
    assert "resources.follow-up" not in looked_at  # does not apply: nothing ends ahead
