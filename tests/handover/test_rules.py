"""The Check's handover rules (card 48) read only what the viewer may see."""

from datetime import date, timedelta

from django.utils import timezone

from handover import services
from handover.models import Handover
from kompass import check
from tests.factories import viewer_of
from workspaces.models import Membership

from .conftest import make_body, make_mandate


def open_ids(user, coproduction):
    report = check.run(viewer_of(user, coproduction), coproduction)
    return {f.rule.id: f for f in report.open}


def test_an_unsigned_side_only_handover_is_named_to_its_side_only(
    coproduction, coordinator, civil_member, civil_successor
):
    services.handover_create(
        actor=civil_member.user,
        coproduction=coproduction,
        leaving=civil_member,
        successor=civil_successor,
        owner_side="civil_society",
        visibility="side",
        overlap_to=timezone.localdate() - timedelta(days=1),
    )
    assert "handover.signed" in open_ids(civil_member.user, coproduction)
    assert "handover.signed" not in open_ids(coordinator, coproduction)


def test_a_handover_still_in_its_overlap_is_not_late(coproduction, civil_member, civil_successor):
    services.handover_create(
        actor=civil_member.user,
        coproduction=coproduction,
        leaving=civil_member,
        successor=civil_successor,
        owner_side="civil_society",
        overlap_to=timezone.localdate() + timedelta(days=3),
    )
    assert "handover.signed" not in open_ids(civil_member.user, coproduction)


def test_someone_who_left_with_a_mandate_and_no_handover_is_named(
    coproduction, coordinator, civil_member, civil_successor
):
    mandate = make_mandate(make_body(coproduction, coordinator), civil_member, coordinator)
    Membership.objects.filter(pk=civil_member.pk).update(left_at=timezone.now())
    finding = open_ids(coordinator, coproduction)["handover.missing"]
    assert str(civil_member) in finding.problem.text
    Handover.objects.create(
        coproduction=coproduction, leaving=civil_member, successor=civil_successor
    )
    assert "handover.missing" not in open_ids(coordinator, coproduction)
    assert mandate.pk


def test_a_side_only_mandate_of_someone_who_left_is_named_to_that_side_only(
    coproduction, coordinator, civil_member, civil_successor
):
    body = make_body(coproduction, coordinator, visibility="side", name="Vorbereitungskreis")
    make_mandate(body, civil_member, coordinator)
    Membership.objects.filter(pk=civil_member.pk).update(left_at=timezone.now())
    assert open_ids(civil_successor.user, coproduction)["handover.missing"].problem.side_only
    assert "handover.missing" not in open_ids(coordinator, coproduction)


def test_a_rotation_coming_up_asks_for_a_handover(
    coproduction, coordinator, civil_member, civil_successor
):
    mandate = make_mandate(
        make_body(coproduction, coordinator),
        civil_member,
        coordinator,
        rotates=True,
        ended_on=timezone.localdate() + timedelta(days=14),
    )
    assert "rotiert bald" in open_ids(coordinator, coproduction)["handover.missing"].problem.text
    services.handover_create(
        actor=civil_member.user,
        coproduction=coproduction,
        leaving=civil_member,
        successor=civil_successor,
        owner_side="civil_society",
        mandate=mandate,
        overlap_from=date(2026, 12, 1),
    )
    assert "handover.missing" not in open_ids(coordinator, coproduction)
