"""Hostile input on handovers: far dates, NUL bytes, a megabyte, foreign ids, double submits."""

from datetime import date

import pytest
from django.urls import reverse

from handover import services
from handover.models import Handover
from tests.factories import make_coproduction, make_user
from tests.goals.conftest import login
from workspaces.models import Membership

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"handover:{name}", args=[coproduction.slug, *args])


def me(user, coproduction):
    return Membership.objects.get(user=user, coproduction=coproduction)


def test_far_overlaps_do_not_break_the_pages_or_the_check(coproduction, coordinator, admin_member):
    leaving, successor = me(coordinator, coproduction), admin_member
    handover = services.handover_create(
        actor=coordinator,
        coproduction=coproduction,
        leaving=leaving,
        successor=successor,
        owner_side=leaving.partner.side,
        overlap_from=date(1, 1, 1),
        overlap_to=date(9999, 12, 31),
    )
    client = login(coordinator)
    for page in (
        url("list", coproduction),
        url("handover", coproduction, handover.pk),
        reverse("kompass:check", args=[coproduction.slug]),
        reverse("kompass:onboarding", args=[coproduction.slug]),
        reverse("workspaces:home"),
    ):
        assert client.get(page, secure=True).status_code == 200, page


def test_a_handover_to_someone_of_another_coproduction_is_refused(
    coproduction, coordinator, admin_member
):
    other = make_coproduction(make_user("fremd@example.org"))
    stranger = Membership.objects.filter(coproduction=other).first()
    data = {
        "leaving": admin_member.pk,
        "successor": stranger.pk,
        "note": "x\x00y",
        "visibility": "coproduction",
    }
    response = login(coordinator).post(url("create", coproduction), data, secure=True)
    assert response.status_code == 200 and not Handover.objects.exists()


def test_nul_bytes_and_a_megabyte_are_refused_with_a_message(
    coproduction, coordinator, admin_member
):
    data = {
        "leaving": admin_member.pk,
        "successor": me(coordinator, coproduction).pk,
        "visibility": "coproduction",
    }
    client = login(coordinator)
    for note in ("vor\x00nach", "x" * 1_000_000):
        response = client.post(url("create", coproduction), {**data, "note": note}, secure=True)
        assert response.status_code == 200 and not Handover.objects.exists()
