"""The Kompass-Check rules about further actors: each fires on a minimal state, is silent once
settled, and a finding about a side-only actor reaches only that side (cards 47, 23, 28, 49)."""

from actors import services
from kompass import check
from structures import services as structure_services
from tests.factories import add_member, partner_on
from workspaces.models import Membership, Partner
from workspaces.selectors import viewer_for
from workspaces.visibility import Side


def finding(user, coproduction, rule_id):
    coproduction.refresh_from_db()
    report = check.run(viewer_for(user, coproduction), coproduction)
    return next((f for f in report.open if f.rule.id == rule_id), None)


def make(coproduction, user, **values):
    values = {"name": "Akteur", "kind": "network", "owner_side": "administration", **values}
    return services.actor_create(actor=user, coproduction=coproduction, **values)


def edit(user, item, **values):
    item.refresh_from_db()
    return services.actor_update(actor=user, item=item, expected_version=item.version, **values)


def test_no_affected_people_in_the_register_is_found_until_one_is_entered(
    coproduction, coordinator
):
    assert finding(coordinator, coproduction, "actors.affected")
    make(coproduction, coordinator, kind="affected", visibility="coproduction")
    assert finding(coordinator, coproduction, "actors.affected") is None


def test_a_self_organisation_of_affected_people_needs_no_such_entry(coproduction, coordinator):
    civil = partner_on(coproduction, Side.CIVIL_SOCIETY)
    Partner.objects.filter(pk=civil.pk).update(civil_mode="self_organisation")
    assert finding(coordinator, coproduction, "actors.affected") is None


def test_an_actor_nobody_approaches_is_found_until_approach_and_channel_are_owned(
    coproduction, coordinator
):
    me = Membership.objects.get(user=coordinator)
    actor = make(coproduction, coordinator, name="Stadtrat")
    found = finding(coordinator, coproduction, "actors.approach")
    assert found and "„Stadtrat“" in found.problem.text
    edit(coordinator, actor, approached_by=me)
    assert finding(coordinator, coproduction, "actors.approach")
    edit(coordinator, actor, channel_owner=me)
    assert finding(coordinator, coproduction, "actors.approach") is None


def test_an_external_supporter_without_role_and_scope_is_found(coproduction, coordinator):
    actor = make(coproduction, coordinator, name="Mediation Nord", kind="support", role="Mediation")
    assert (
        "Mediation Nord" in finding(coordinator, coproduction, "actors.support_role").problem.text
    )
    edit(coordinator, actor, scope="punktuell, zwei Sitzungen")
    assert finding(coordinator, coproduction, "actors.support_role") is None


def test_a_seat_without_a_word_on_what_may_be_decided_is_found(coproduction, coordinator):
    body = structure_services.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="Plenum", kind="plenary"
    )
    actor = make(coproduction, coordinator, name="Beirat", seat="permanent", body=body)
    assert finding(coordinator, coproduction, "actors.seat")
    edit(coordinator, actor, may_decide="Beraten, nicht abstimmen")
    assert finding(coordinator, coproduction, "actors.seat") is None


def test_a_finding_about_a_side_only_actor_reaches_only_that_side(coproduction, coordinator):
    other = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    make(coproduction, coordinator, name="Geheime Verbündete", kind="support")
    mine = finding(coordinator, coproduction, "actors.support_role")
    assert mine and mine.problem.side_only and "Geheime Verbündete" in mine.problem.text
    assert finding(other.user, coproduction, "actors.support_role") is None
    theirs = finding(other.user, coproduction, "actors.approach")
    assert theirs is None or "Geheime" not in theirs.problem.text
