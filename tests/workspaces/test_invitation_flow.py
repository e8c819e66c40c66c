"""The invitation link for someone without an account, double invitations, accepted links,
and the real member count in the Werkstatt list."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD, add_member, make_user
from workspaces import services
from workspaces.models import Coproduction, Invitation, Membership, Partner
from workspaces.services import WorkspaceError


def invite(coproduction, coordinator, partner, email="neu@stadt.example"):
    return services.invitation_create(
        actor=coordinator, coproduction=coproduction, partner=partner, email=email, access="member"
    )


def link(invitation) -> str:
    return f"/werkstatt/einladung/{invitation.token}/"


def test_a_logged_out_invitee_sees_who_invites_to_what(client, coproduction, coordinator, office):
    coordinator.display_name = "Kora Koordination"
    coordinator.save()
    invitation = invite(coproduction, coordinator, office)

    response = client.get(link(invitation), secure=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kora Koordination" in html and "Ernährungsrat Musterstadt" in html
    assert "Umweltamt" in html and "Mitglied" in html
    assert "/konto/signup/?email=neu%40stadt.example" in html
    # Accepting needs an account: a POST leads to the login, nothing is accepted.
    response = client.post(link(invitation), secure=True)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert Invitation.objects.get().accepted_at is None


def test_signing_up_from_the_link_needs_no_second_confirmation(
    client, coproduction, coordinator, office, mailoutbox
):
    invitation = invite(coproduction, coordinator, office)
    client.get(link(invitation), secure=True)
    signup = client.get(
        f"/konto/signup/?email=neu%40stadt.example&next={link(invitation)}", secure=True
    )
    assert 'value="neu@stadt.example"' in signup.content.decode()

    response = client.post(
        "/konto/signup/",
        {
            "email": "neu@stadt.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Nele Neu",
            "next": link(invitation),
        },
        secure=True,
    )

    assert response.status_code == 302 and response["Location"] == link(invitation)
    assert EmailAddress.objects.get(email="neu@stadt.example").verified
    assert not [m for m in mailoutbox if "bestätig" in m.subject.lower()]
    accepted = client.post(link(invitation), secure=True)
    assert accepted.status_code == 302
    assert Membership.objects.filter(user__email="neu@stadt.example", partner=office).exists()


def test_signing_up_with_another_address_still_needs_its_confirmation(
    client, coproduction, coordinator, office
):
    invitation = invite(coproduction, coordinator, office)
    client.get(link(invitation), secure=True)
    client.post(
        "/konto/signup/",
        {"email": "anders@example.org", "password1": PASSWORD, "password2": PASSWORD},
        secure=True,
    )
    assert not EmailAddress.objects.get(email="anders@example.org").verified


def test_inviting_the_same_address_twice_makes_one_invitation(coproduction, coordinator, office):
    invite(coproduction, coordinator, office)
    with pytest.raises(WorkspaceError, match="schon eine Einladung unterwegs") as error:
        invite(coproduction, coordinator, office, email=" NEU@stadt.example ")
    assert error.value.field == "email"
    assert Invitation.objects.count() == 1
    # Once revoked or expired, a new invitation may go out.
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    invite(coproduction, coordinator, office)
    assert Invitation.objects.count() == 2


def test_the_invite_form_says_so_next_to_the_address(coproduction, coordinator, office):
    invite(coproduction, coordinator, office)
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        f"/werkstatt/{coproduction.slug}/mitglieder/einladen/",
        {"email": "neu@stadt.example", "partner": office.pk, "access": "member"},
        secure=True,
    )
    assert response.status_code == 200
    assert "schon eine Einladung unterwegs" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_an_accepted_link_says_so(client, coproduction, coordinator, office):
    invitation = invite(coproduction, coordinator, office)
    user = make_user("neu@stadt.example")
    services.invitation_accept(user=user, token=invitation.token)
    for viewer in (None, user):
        if viewer:
            client.force_login(viewer)
        html = client.get(link(invitation), secure=True).content.decode()
        assert "Diese Einladung ist schon angenommen" in html
        assert "Einladung annehmen" not in html
    assert f"/werkstatt/{coproduction.slug}/" in html


def test_the_werkstatt_list_counts_every_member_with_the_right_plural(
    coproduction, coordinator, django_assert_max_num_queries
):
    client = Client()
    client.force_login(coordinator)
    assert "1 Mitglied<" in client.get("/werkstatt/", secure=True).content.decode()
    for _ in range(2):
        add_member(coproduction)
    left = add_member(coproduction)
    Membership.objects.filter(pk=left.pk).update(left_at=timezone.now())
    with django_assert_max_num_queries(12):
        html = client.get("/werkstatt/", secure=True).content.decode()
    assert "3 Mitglieder<" in html


def test_after_opening_the_next_step_is_the_other_side_and_its_first_member(coordinator, db):
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        "/werkstatt/neu/",
        {
            "name": "Essen für alle",
            "kind": "coproduction",
            "field": "food",
            "level": "municipal",
            "start_date": "2026-03-01",
            "partner-name": "Ernährungsrat",
            "partner-side": "civil_society",
            "partner-org_form": "association",
            "partner-decision_style": "consensus",
        },
        secure=True,
    )
    slug = Coproduction.objects.get(name="Essen für alle").slug
    step = f"/werkstatt/{slug}/partner/erste-schritte/"
    assert response["Location"] == step
    html = client.get(step, secure=True).content.decode()
    assert "Noch fehlt die Seite Verwaltung/Politik" in html
    assert re.search(r'<input[^>]*value="administration"[^>]*checked', html)
    data = {
        "name": "Umweltamt",
        "side": "administration",
        "org_form": "department",
        "decision_style": "hierarchy",
        "email": "amt@stadt.example",
        "access": "coordination",
    }
    # A bad address: nothing is half-saved, the input stays.
    page = client.post(step, {**data, "email": "kein-at"}, secure=True).content.decode()
    assert "gültige E-Mail-Adresse" in page and 'value="Umweltamt"' in page
    assert not Partner.objects.filter(name="Umweltamt").exists()

    response = client.post(step, data, secure=True)

    assert response["Location"] == f"/werkstatt/{slug}/mitglieder/"
    invitation = Invitation.objects.get()
    assert (invitation.partner.name, invitation.partner.side) == ("Umweltamt", "administration")
    assert (invitation.email, invitation.access) == ("amt@stadt.example", "coordination")
    # Inviting the same address again with yet another partner leaves neither behind.
    again = client.post(step, {**data, "name": "Bauamt"}, secure=True).content.decode()
    assert "schon eine Einladung unterwegs" in again
    assert not Partner.objects.filter(name="Bauamt").exists()


def test_the_werkstatt_lists_only_invitations_that_can_still_be_accepted(
    client, coproduction, coordinator, office
):
    invitee = make_user("eingeladen@stadt.example")
    waiting = invite(coproduction, coordinator, office, email=invitee.email)
    expired = invite(coproduction, coordinator, office, email="spaet@stadt.example")
    Invitation.objects.filter(pk=expired.pk).update(
        email=invitee.email, expires_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(invitee)
    html = client.get("/werkstatt/", secure=True).content.decode()
    assert html.count("/werkstatt/einladung/") == 1 and waiting.token in html
    Coproduction.objects.filter(pk=coproduction.pk).update(stage=Coproduction.Stage.ENDED)
    html = client.get("/werkstatt/", secure=True).content.decode()
    assert "/werkstatt/einladung/" not in html  # an archive takes nobody in
