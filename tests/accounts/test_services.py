"""Deleting an account and what stays of a person's work."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from accounts.models import User
from accounts.names import FORMER_MEMBER
from accounts.services import AccountError, account_delete, account_update
from history.services import history_for
from workspaces.models import Invitation, Membership
from workspaces.services import invitation_create, membership_update

pytestmark = pytest.mark.django_db


def test_a_deleted_persons_membership_history_stays_with_actor_none_as_ehemaliges_mitglied(
    ada, make_user, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    bea = make_user("bea@example.org", "Bea Beispiel")
    membership = add_member(coproduction, bea)

    account_delete(user=bea)

    assert not User.objects.filter(email="bea@example.org").exists()
    membership.refresh_from_db()
    assert membership.user is None
    assert membership.left_at is not None
    assert str(membership) == FORMER_MEMBER
    records = history_for(membership).filter(action__in=["joined", "left"])
    assert {record.action for record in records} == {"joined", "left"}
    for record in records:
        assert record.actor is None
        assert record.actor_name == FORMER_MEMBER
        assert record.object_label == FORMER_MEMBER


def test_deleting_removes_personal_notes_of_the_membership_but_keeps_its_roles(
    ada, make_user, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    bea = make_user("bea@example.org", "Bea Beispiel")
    membership = add_member(coproduction, bea)
    membership_update(
        actor=bea,
        membership=membership,
        expected_version=membership.version,
        availability="dienstags ab 18 Uhr, nach der Kita",
        roles=["expertise"],
    )

    account_delete(user=bea)

    membership.refresh_from_db()
    assert membership.availability == ""
    assert membership.roles == ["expertise"]
    update = history_for(membership).get(action="updated")
    assert "availability" not in update.changes
    assert "Kita" not in str(update.changes)


def test_the_founders_contributions_stay_after_another_coordinator_took_over(
    ada, make_user, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    add_member(coproduction, make_user("bea@example.org"), access="coordination")

    account_delete(user=ada)

    created = history_for(coproduction).get(action="created")
    assert created.actor is None
    assert created.actor_name == FORMER_MEMBER
    assert created.object_label == coproduction.name


def test_the_last_coordinator_cannot_delete_the_account_and_is_told_to_hand_over(
    ada, make_user, make_coproduction, add_member
):
    coproduction = make_coproduction(ada)
    add_member(coproduction, make_user("bea@example.org"))

    with pytest.raises(AccountError) as error:
        account_delete(user=ada)

    assert "letzte Koordination" in str(error.value)
    assert coproduction.name in str(error.value)
    assert "Gebt die Koordination" in str(error.value)
    assert User.objects.filter(pk=ada.pk).exists()
    assert Membership.objects.get(user=ada).left_at is None


def test_a_refused_deletion_ends_no_membership_anywhere(ada, make_coproduction, add_member):
    """One transaction: the check fails on the second co-production, the first stays as it was."""
    first = make_coproduction(ada, name="Gemeinschaftsgarten")
    founder_elsewhere = User.objects.create_user(email="carla@example.org", password="x" * 12)
    second = make_coproduction(founder_elsewhere, name="Wohnprojekt")
    add_member(first, User.objects.create_user(email="dora@example.org"), access="coordination")
    add_member(second, ada, access="coordination")
    Membership.objects.filter(user=founder_elsewhere).update(access="member")

    with pytest.raises(AccountError):
        account_delete(user=ada)

    assert Membership.objects.filter(user=ada, left_at__isnull=True).count() == 2


def test_deleting_removes_addresses_two_factor_and_invitations_to_the_person(
    ada, make_user, make_coproduction
):
    coproduction = make_coproduction(ada)
    bea = make_user("bea@example.org")
    Authenticator.objects.create(user=bea, type=Authenticator.Type.TOTP, data={"secret": "x"})
    invitation_create(
        actor=ada,
        coproduction=coproduction,
        partner=coproduction.partners.first(),
        email="bea@example.org",
        access="member",
    )

    account_delete(user=bea)

    assert not EmailAddress.objects.filter(email="bea@example.org").exists()
    assert not Authenticator.objects.exists()
    assert not Invitation.objects.filter(email="bea@example.org").exists()


def test_a_person_without_memberships_can_delete_the_account(make_user):
    user = make_user("eva@example.org")

    account_delete(user=user)

    assert not User.objects.exists()


def test_the_name_is_saved(ada):
    account_update(user=ada, display_name="Ada L.")

    ada.refresh_from_db()
    assert ada.display_name == "Ada L."
