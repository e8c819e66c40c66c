"""No side can widen what it sees (issue 8 §1): a partner's side, a membership's side and who
may let people into a side are fixed by the services, whatever a form posts."""

import pytest

from goals import services as goals
from goals.models import Goal
from workspaces import services
from workspaces.models import Membership
from workspaces.selectors import viewer_for
from workspaces.services import WorkspaceError

from .conftest import make_user


@pytest.fixture
def secret(coproduction, official):
    """A side-only draft of the administration: the civil society must never read it."""
    return goals.goal_create(
        actor=official.user,
        coproduction=coproduction,
        kind="side",
        owner_side="administration",
        level="abstract",
        title="Interne Haushaltslinie",
    )


@pytest.fixture
def plain_member(coproduction):
    """A plain member of the civil-society partner."""
    partner = coproduction.partners.get(side="civil_society")
    return Membership.objects.create(
        user=make_user("mitglied@initiative.example"),
        coproduction=coproduction,
        partner=partner,
        access=Membership.Access.MEMBER,
    )


def partner_data(partner, **more):
    return {
        "name": partner.name,
        "side": partner.side,
        "org_form": partner.org_form,
        "decision_style": partner.decision_style,
        "consultation_days": partner.consultation_days
        if partner.consultation_days is not None
        else "",
        "version": partner.version,
        **more,
    }


def test_a_member_cannot_move_their_partner_to_the_other_side(
    client, coproduction, plain_member, secret
):
    partner = plain_member.partner
    client.force_login(plain_member.user)
    url = f"/werkstatt/{coproduction.slug}/partner/{partner.pk}/"
    client.post(url, partner_data(partner, side="administration"), secure=True)
    partner.refresh_from_db()
    assert partner.side == "civil_society"
    viewer = viewer_for(plain_member.user, coproduction)
    assert not Goal.objects.visible_to(viewer).filter(pk=secret.pk).exists()
    assert "Interne Haushaltslinie" not in client.get(
        f"/werkstatt/{coproduction.slug}/ziele/", secure=True
    ).content.decode("utf-8")


def test_the_service_refuses_a_side_change_once_the_partner_has_members(
    coproduction, coordinator, office, official
):
    with pytest.raises(WorkspaceError, match="steht fest") as error:
        services.partner_update(
            actor=coordinator,
            partner=office,
            expected_version=office.version,
            side="civil_society",
        )
    assert error.value.field == "side"
    office.refresh_from_db()
    assert office.side == "administration"


def test_a_coordinator_corrects_the_side_of_a_partner_nobody_belongs_to_yet(
    client, coproduction, coordinator, office, plain_member
):
    with pytest.raises(WorkspaceError, match="nur die Koordination"):
        services.partner_update(
            actor=plain_member.user,
            partner=office,
            expected_version=office.version,
            side="external",
        )
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/partner/{office.pk}/"
    assert client.post(url, partner_data(office, side="external"), secure=True).status_code == 302
    office.refresh_from_db()
    assert office.side == "external"


def test_the_form_shows_a_fixed_side_and_ignores_a_posted_one(
    client, coproduction, coordinator, office, official
):
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/partner/{office.pk}/"
    page = client.get(url, secure=True).content.decode()
    assert "Die Seite steht fest" in page
    data = partner_data(office, side="civil_society", consultation_days=3)
    assert client.post(url, data, secure=True).status_code == 302
    office.refresh_from_db()
    assert office.side == "administration" and office.consultation_days == 3


def test_a_membership_never_changes_side(client, coproduction, coordinator, office, plain_member):
    with pytest.raises(WorkspaceError, match="bleibt auf ihrer Seite"):
        services.membership_update(
            actor=coordinator,
            membership=plain_member,
            expected_version=plain_member.version,
            partner=office,
        )
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/mitglieder/{plain_member.pk}/"
    data = {"partner": office.pk, "access": "member", "version": plain_member.version}
    response = client.post(url, data, secure=True)
    assert response.status_code == 200
    plain_member.refresh_from_db()
    assert plain_member.partner.side == "civil_society"


def test_only_a_side_lets_people_into_that_side(
    client, coproduction, coordinator, office, official
):
    with pytest.raises(WorkspaceError, match="eigene Koordination") as error:
        services.invitation_create(
            actor=coordinator,
            coproduction=coproduction,
            partner=office,
            email="zweitadresse@initiative.example",
            access="member",
        )
    assert error.value.field == "partner"
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/mitglieder/einladen/"
    data = {"email": "zweitadresse@initiative.example", "partner": office.pk, "access": "member"}
    assert client.post(url, data, secure=True).status_code == 200
    assert not coproduction.invitations.exists()
    # The administration's own coordination lets people into its side.
    official.access = Membership.Access.COORDINATION
    official.save()
    services.invitation_create(
        actor=official.user,
        coproduction=coproduction,
        partner=office,
        email="kollegin@stadt.example",
        access="member",
    )


def test_the_first_member_of_an_empty_side_is_invited_by_the_other_side_once(
    coproduction, coordinator, office
):
    first = services.invitation_create(
        actor=coordinator,
        coproduction=coproduction,
        partner=office,
        email="amt@stadt.example",
        access="coordination",
    )
    second = services.invitation_create(
        actor=coordinator,
        coproduction=coproduction,
        partner=office,
        email="zweitadresse@initiative.example",
        access="member",
    )
    services.invitation_accept(user=make_user("amt@stadt.example"), token=first.token)
    # Now the side has its own members: the rest of its invitations are theirs to issue.
    with pytest.raises(WorkspaceError, match="gilt nicht mehr"):
        services.invitation_accept(
            user=make_user("zweitadresse@initiative.example"), token=second.token
        )
    assert not Membership.objects.filter(user__email="zweitadresse@initiative.example").exists()


def test_a_save_without_its_version_is_refused_with_a_message(
    client, coproduction, coordinator, office
):
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/partner/{office.pk}/"
    data = partner_data(office, consultation_days=3)
    del data["version"]
    response = client.post(url, data, secure=True)
    assert response.status_code == 200
    assert "Beim Speichern fehlte die Fassung" in response.content.decode()
    office.refresh_from_db()
    assert office.consultation_days == 14 and office.version == 1
