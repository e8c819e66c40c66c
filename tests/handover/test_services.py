"""Handovers: who hands over to whom, the checklist, the sign-off of both (card 48)."""

from datetime import date

import pytest
from django.utils import timezone

from handover import services
from handover.models import ChecklistItem, Handover
from history.services import history_for
from tests.factories import viewer_of
from workspaces.concurrency import StaleEdit

from .conftest import make_body, make_mandate


def create(civil_member, civil_successor, **fields):
    return services.handover_create(
        actor=civil_member.user,
        coproduction=civil_member.coproduction,
        leaving=civil_member,
        successor=civil_successor,
        owner_side="civil_society",
        **fields,
    )


def test_a_handover_comes_with_the_four_default_points_and_is_recorded(
    civil_member, civil_successor
):
    handover = create(civil_member, civil_successor, overlap_from=date(2026, 3, 1))
    kinds = [i.kind for i in handover.items.all()]
    assert kinds == ["tasks", "relationships", "documents", "accounts"]
    assert handover.visibility == "coproduction"
    record = history_for(handover).get(action="created")
    assert "successor" in record.changes


def test_nobody_hands_over_to_themselves_and_the_overlap_ends_after_it_begins(
    civil_member, civil_successor
):
    with pytest.raises(services.HandoverError) as error:
        create(civil_member, civil_member)
    assert error.value.field == "successor"
    with pytest.raises(services.HandoverError) as error:
        create(
            civil_member,
            civil_successor,
            overlap_from=date(2026, 3, 10),
            overlap_to=date(2026, 3, 1),
        )
    assert error.value.field == "overlap_to"


def test_a_side_only_handover_stays_between_people_of_that_side(civil_member, admin_member):
    with pytest.raises(services.HandoverError) as error:
        create(civil_member, admin_member, visibility="side")
    assert error.value.field == "successor"


def test_a_handover_names_only_a_mandate_of_the_leaving_person_and_no_hidden_body(
    coproduction, coordinator, civil_member, civil_successor
):
    other = make_mandate(
        make_body(coproduction, coordinator, name="AG"), civil_successor, coordinator
    )
    with pytest.raises(services.HandoverError):
        create(civil_member, civil_successor, mandate=other)
    hidden = make_body(coproduction, coordinator, visibility="side", name="Interner Kreis")
    mandate = make_mandate(hidden, civil_member, coordinator)
    with pytest.raises(services.HandoverError) as error:
        create(civil_member, civil_successor, mandate=mandate)
    assert error.value.field == "mandate"
    assert (
        create(civil_member, civil_successor, mandate=mandate, visibility="side").mandate == mandate
    )


def test_both_sign_once_every_point_is_ticked(coproduction, civil_member, civil_successor):
    handover = create(civil_member, civil_successor)
    leaving_viewer = viewer_of(civil_member.user, coproduction)
    with pytest.raises(services.HandoverError):
        services.handover_sign(
            actor=civil_member.user, viewer=leaving_viewer, handover=handover, expected_version=1
        )
    for item in handover.items.all():
        services.checklist_tick(actor=civil_member.user, item=item, done=True, expected_version=1)
    handover.refresh_from_db()
    services.handover_sign(
        actor=civil_member.user,
        viewer=leaving_viewer,
        handover=handover,
        expected_version=handover.version,
    )
    assert not handover.signed
    services.handover_sign(
        actor=civil_successor.user,
        viewer=viewer_of(civil_successor.user, coproduction),
        handover=handover,
        expected_version=handover.version,
    )
    assert Handover.objects.get(pk=handover.pk).signed
    with pytest.raises(services.HandoverError):
        services.handover_update(
            actor=civil_member.user, handover=handover, expected_version=handover.version, note="x"
        )


def test_a_change_after_one_signature_asks_both_to_sign_again(
    coproduction, civil_member, civil_successor
):
    handover = create(civil_member, civil_successor)
    ChecklistItem.objects.filter(handover=handover).update(done=True)
    services.handover_sign(
        actor=civil_member.user,
        viewer=viewer_of(civil_member.user, coproduction),
        handover=handover,
        expected_version=1,
    )
    services.checklist_add(actor=civil_successor.user, handover=handover, text="Schlüssel")
    handover.refresh_from_db()
    assert handover.leaving_signed_at is None
    assert handover.items.filter(kind="own", text="Schlüssel").exists()


def test_signing_from_an_older_version_is_refused(coproduction, civil_member, civil_successor):
    handover = create(civil_member, civil_successor)
    ChecklistItem.objects.filter(handover=handover).update(done=True)
    services.handover_update(
        actor=civil_member.user, handover=handover, expected_version=1, note="Ordner im Büro"
    )
    with pytest.raises(StaleEdit):
        services.handover_sign(
            actor=civil_successor.user,
            viewer=viewer_of(civil_successor.user, coproduction),
            handover=Handover.objects.get(pk=handover.pk),
            expected_version=1,
        )


def test_only_the_two_sign_and_a_coordinator_of_the_side_for_someone_who_left(
    coproduction, civil_member, civil_successor, civil_coordinator, admin_member, coordinator
):
    handover = create(civil_member, civil_successor)
    ChecklistItem.objects.filter(handover=handover).update(done=True)
    assert services.signer_role(viewer_of(civil_coordinator.user, coproduction), handover) is None
    civil_member.left_at = timezone.now()
    civil_member.save()
    handover.refresh_from_db()
    assert (
        services.signer_role(viewer_of(civil_coordinator.user, coproduction), handover) == "leaving"
    )
    # The administration's coordinator is not of the person's side.
    assert services.signer_role(viewer_of(coordinator, coproduction), handover) is None
    with pytest.raises(services.HandoverError):
        services.handover_sign(
            actor=admin_member.user,
            viewer=viewer_of(admin_member.user, coproduction),
            handover=handover,
            expected_version=handover.version,
        )


def test_ticking_a_point_someone_else_ticked_meanwhile_is_refused(civil_member, civil_successor):
    handover = create(civil_member, civil_successor)
    item = handover.items.first()
    services.checklist_tick(actor=civil_member.user, item=item, done=True, expected_version=1)
    stale = ChecklistItem.objects.get(pk=item.pk)
    stale.version = 1
    with pytest.raises(StaleEdit):
        services.checklist_tick(
            actor=civil_successor.user, item=stale, done=False, expected_version=1
        )
