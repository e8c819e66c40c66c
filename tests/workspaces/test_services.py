import pytest
from django.core import mail

from history.models import ChangeRecord
from history.services import history_for
from workspaces import services
from workspaces.concurrency import StaleEdit
from workspaces.models import Membership
from workspaces.services import WorkspaceError

from ..tasks import run_due_tasks
from .conftest import make_user


def test_opening_a_coproduction_makes_the_founder_coordinator_of_their_partner(
    coproduction, coordinator
):
    membership = Membership.objects.get(user=coordinator, coproduction=coproduction)
    assert membership.access == Membership.Access.COORDINATION
    assert membership.partner.side == "civil_society"
    assert coproduction.slug == "ernaehrungsrat-musterstadt"
    assert history_for(coproduction).filter(action=ChangeRecord.Action.CREATED).exists()


def test_slugs_stay_unique(coproduction, coordinator):
    second = services.coproduction_create(
        actor=coordinator,
        name="Ernährungsrat Musterstadt",
        kind="cooperation",
        field="food",
        level="municipal",
        start_date=coproduction.start_date,
        partner={
            "name": "X",
            "side": "civil_society",
            "org_form": "loose",
            "decision_style": "consensus",
        },
    )
    assert second.slug == "ernaehrungsrat-musterstadt-2"


@pytest.mark.django_db(transaction=True)
def test_an_invitation_is_mailed_by_the_worker_and_accepted_once(coproduction, coordinator, office):
    invitation = services.invitation_create(
        actor=coordinator,
        coproduction=coproduction,
        partner=office,
        email="Neu@Stadt.example",
        access="member",
    )
    assert len(mail.outbox) == 0  # queued with the invitation, sent by the worker
    run_due_tasks()
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    assert mail.outbox[0].to == ["neu@stadt.example"]
    user = make_user("neu@stadt.example")
    membership = services.invitation_accept(user=user, token=invitation.token)
    assert membership.partner == office and membership.access == "member"
    with pytest.raises(WorkspaceError, match="schon angenommen"):
        services.invitation_accept(user=user, token=invitation.token)


def test_an_invitation_cannot_be_taken_by_another_address(coproduction, coordinator, office):
    invitation = services.invitation_create(
        actor=coordinator,
        coproduction=coproduction,
        partner=office,
        email="neu@stadt.example",
        access="member",
    )
    with pytest.raises(WorkspaceError, match="ging an neu@stadt.example"):
        services.invitation_accept(user=make_user("fremd@example.org"), token=invitation.token)
    assert not Membership.objects.filter(user__email="fremd@example.org").exists()


def test_revoked_invitations_cannot_be_accepted(coproduction, coordinator, office):
    invitation = services.invitation_create(
        actor=coordinator,
        coproduction=coproduction,
        partner=office,
        email="neu@stadt.example",
        access="member",
    )
    services.invitation_revoke(actor=coordinator, invitation=invitation)
    with pytest.raises(WorkspaceError):
        services.invitation_accept(user=make_user("neu@stadt.example"), token=invitation.token)


def test_members_cannot_be_invited_twice(coproduction, coordinator, office, official):
    with pytest.raises(WorkspaceError, match="schon Mitglied"):
        services.invitation_create(
            actor=coordinator,
            coproduction=coproduction,
            partner=office,
            email=official.user.email,
            access="member",
        )


def test_leaving_is_recorded_and_keeps_the_row(official):
    services.membership_leave(actor=official.user, membership=official)
    official.refresh_from_db()
    assert official.left_at is not None
    assert history_for(official).filter(action=ChangeRecord.Action.LEFT).exists()


def test_the_last_coordinator_cannot_leave_or_step_down(coproduction, coordinator):
    membership = Membership.objects.get(user=coordinator)
    with pytest.raises(WorkspaceError, match="letzte Koordination"):
        services.membership_leave(actor=coordinator, membership=membership)
    with pytest.raises(WorkspaceError, match="mindestens eine Koordination"):
        services.membership_update(
            actor=coordinator,
            membership=membership,
            expected_version=membership.version,
            access="member",
        )


def test_a_partner_edit_records_before_and_after(coproduction, coordinator, office):
    services.partner_update(
        actor=coordinator, partner=office, expected_version=office.version, consultation_days=21
    )
    change = history_for(office).filter(action=ChangeRecord.Action.UPDATED).get()
    assert change.changes == {"consultation_days": [14, 21]}
    assert change.actor == coordinator


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(coproduction, coordinator, office):
    opened_version = office.version
    services.partner_update(
        actor=coordinator, partner=office, expected_version=opened_version, consultation_days=21
    )
    stale = type(office).objects.get(pk=office.pk)
    stale.version = opened_version
    with pytest.raises(StaleEdit) as error:
        services.partner_update(
            actor=coordinator, partner=stale, expected_version=opened_version, consultation_days=3
        )
    office.refresh_from_db()
    assert office.consultation_days == 21
    assert error.value.current.consultation_days == 21


def test_an_edit_through_the_form_records_what_changed(client, coproduction, coordinator, office):
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/partner/{office.pk}/"
    data = {
        "name": "Umweltamt",
        "side": "administration",
        "org_form": "department",
        "decision_style": "hierarchy",
        "consultation_days": "28",
        "version": office.version,
    }
    assert client.post(url, data, secure=True).status_code == 302
    change = history_for(office).filter(action=ChangeRecord.Action.UPDATED).get()
    assert change.changes == {"consultation_days": [14, 28]}
    assert change.readable_changes() == [("Rücksprachefrist in Tagen", "14", "28")]
    page = client.get(url, secure=True).content.decode()
    assert "Rücksprachefrist in Tagen: „14“ → „28“" in page


def test_a_stale_form_keeps_the_input_and_shows_the_saved_version(
    client, coproduction, coordinator, office
):
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/partner/{office.pk}/"
    opened = office.version
    services.partner_update(
        actor=coordinator, partner=office, expected_version=opened, consultation_days=30
    )
    data = {
        "name": "Umweltamt (neu)",
        "side": "administration",
        "org_form": "department",
        "decision_style": "hierarchy",
        "consultation_days": "7",
        "version": opened,
    }
    response = client.post(url, data, secure=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jemand war schneller" in page
    assert 'value="Umweltamt (neu)"' in page
    office.refresh_from_db()
    assert office.name == "Umweltamt" and office.consultation_days == 30


def test_radio_buttons_offer_only_real_choices_and_other_widgets_keep_theirs(coproduction):
    from workspaces.forms import CoproductionForm, MembershipForm

    kind = [value for value, _ in CoproductionForm().fields["kind"].choices]
    assert kind == ["cooperation", "coproduction"]
    membership = coproduction.memberships.get()
    form = MembershipForm(instance=membership, may_manage=True, own=True)
    assert form.fields["employment"].choices[0] == ("", "keine Angabe")
    assert len(list(form.fields["partner"].choices)) == 2  # "---------" and the partner
    assert [v for v, _ in form.fields["roles"].choices] == [r.value for r in Membership.Role]
