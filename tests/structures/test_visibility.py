import pytest
from django.urls import reverse

from structures import services
from tests.goals.conftest import login
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


@pytest.fixture
def civil_circle(coproduction, civil_member):
    body = services.body_create(
        actor=civil_member.user,
        coproduction=coproduction,
        owner_side=Side.CIVIL_SOCIETY,
        name="Vorbereitungskreis der Initiative",
        kind="working_group",
        purpose="Unsere rote Linie für das Plenum",
        visibility="side",
    )
    mandate = services.mandate_create(
        actor=civil_member.user, body=body, partner=civil_member.partner, holder=civil_member
    )
    return body, mandate


def test_a_side_only_body_and_its_mandates_stay_with_their_side(
    coproduction, civil_circle, civil_member, admin_member
):
    body, mandate = civil_circle
    other = login(admin_member.user)
    pages = [
        reverse("structures:body", args=[coproduction.slug, body.pk]),
        reverse("structures:mandate", args=[coproduction.slug, body.pk, mandate.pk]),
        reverse("structures:mandate_rotate", args=[coproduction.slug, body.pk, mandate.pk]),
        reverse("structures:mandate_create", args=[coproduction.slug, body.pk]),
    ]

    for path in pages:
        assert other.get(path, secure=True).status_code == 404
        assert login(civil_member.user).get(path, secure=True).status_code == 200
    listing = other.get(reverse("structures:bodies", args=[coproduction.slug]), secure=True)
    assert "Vorbereitungskreis" not in listing.content.decode()


def test_a_mandate_is_not_found_under_another_body(coproduction, civil_circle, civil_member):
    _body, mandate = civil_circle
    plenary = services.body_create(
        actor=civil_member.user, coproduction=coproduction, owner_side="", name="P", kind="plenary"
    )

    response = login(civil_member.user).get(
        reverse("structures:mandate", args=[coproduction.slug, plenary.pk, mandate.pk]),
        secure=True,
    )

    assert response.status_code == 404


def test_outsiders_get_404_for_bodies(coproduction, civil_circle, outsider):
    body, _mandate = civil_circle
    response = login(outsider).get(
        reverse("structures:body", args=[coproduction.slug, body.pk]), secure=True
    )
    assert response.status_code == 404
