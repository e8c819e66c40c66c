"""Ankommen (kompass.onboarding): the page for newcomers shows the co-production in brief,
what is agreed, who is who and the cards to read first — only what the viewer may see, in the
same few queries however much there is."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Decision
from goals.models import Goal
from structures import services as structures
from tests.factories import add_member, make_goal, make_user
from tests.goals.conftest import login
from workspaces.models import Membership
from workspaces.visibility import Side


def page_of(user, coproduction):
    url = reverse("kompass:onboarding", args=[coproduction.slug])
    return login(user).get(url, secure=True)


@pytest.fixture
def agreed(coproduction, coordinator, civil_member):
    make_goal(coproduction, title="Regionale Kantinen bis 2028", steward=civil_member)
    make_goal(coproduction, side=Side.ADMINISTRATION, title="Haushaltsentwurf intern")
    structures.body_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="",
        name="Plenum Ernährung",
        kind="plenary",
        decision_procedure="consent",
        visibility="coproduction",
    )
    structures.body_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        name="Amtsrunde vertraulich",
        kind="steering",
        visibility="side",
    )
    Decision.objects.create(
        number=1,
        coproduction=coproduction,
        question="Bio-Anteil in Kitas auf 30 Prozent?",
        procedure="consent",
        status=Decision.Status.DECIDED,
        decided_at=timezone.now(),
    )
    Decision.objects.create(
        coproduction=coproduction,
        question="Interne Stellenplanung der Verwaltung?",
        procedure="consent",
        status=Decision.Status.DECIDED,
        decided_at=timezone.now(),
        visibility="side",
        owner_side=Side.ADMINISTRATION,
    )


def test_a_newcomer_reads_what_is_agreed_and_who_is_who(agreed, coproduction, civil_member):
    page = page_of(civil_member.user, coproduction).content.decode()
    for text in (
        "Regionale Kantinen bis 2028",
        "Plenum Ernährung",
        "Konsent",
        "Bio-Anteil in Kitas",
        str(civil_member),
        "Karte 48",
    ):
        assert text in page, text


def test_the_other_sides_own_matters_stay_hidden(agreed, coproduction, civil_member):
    page = page_of(civil_member.user, coproduction).content.decode()
    for text in ("Haushaltsentwurf intern", "Amtsrunde vertraulich", "Interne Stellenplanung"):
        assert text not in page


def test_the_administration_sees_its_own(agreed, coproduction, coordinator):
    page = page_of(coordinator, coproduction).content.decode()
    assert "Amtsrunde vertraulich" in page and "Interne Stellenplanung" in page


def test_the_page_costs_the_same_queries_however_many_people_and_goals(coproduction, coordinator):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert page_of(coordinator, coproduction).status_code == 200
        return len(queries)

    count()  # the first request also fills the per-process caches
    small = count()
    for n in range(15):
        add_member(coproduction, make_user(), side=Side.CIVIL_SOCIETY)
        make_goal(coproduction, title=f"Ziel {n}")
    assert Goal.objects.count() >= 15
    assert count() == small


def test_new_members_find_the_way_from_the_overview(coproduction, civil_member):
    overview = reverse("kompass:overview", args=[coproduction.slug])
    onboarding = reverse("kompass:onboarding", args=[coproduction.slug])
    assert onboarding in login(civil_member.user).get(overview, secure=True).content.decode()
    Membership.objects.filter(pk=civil_member.pk).update(
        joined_at=timezone.now() - timedelta(days=90)
    )
    assert onboarding not in login(civil_member.user).get(overview, secure=True).content.decode()
