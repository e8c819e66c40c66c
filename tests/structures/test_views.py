from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from structures import services
from structures.models import Body, Mandate, PhasePlan
from tests.factories import add_member, make_user
from tests.goals.conftest import login
from workspaces.views import PAGE_SIZE
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"structures:{name}", args=[coproduction.slug, *args])


def phase_data(**values):
    data = {}
    for phase in PhasePlan.Phase.values:
        data[f"{phase}-version"] = "0"
        data[f"{phase}-joint"] = "on"
    data.update(values)
    return data


def test_the_phase_page_saves_all_five_phases_in_one_form(coproduction, civil_member):
    client = login(civil_member.user)
    page = client.get(url("phases", coproduction), secure=True).content.decode()
    assert "Ko-Evaluation" in page and "/faecher/karten/40/" in page

    response = client.post(
        url("phases", coproduction),
        phase_data(**{"co_design-civil_society_part": "Rezepte", "co_design-joint": ""}),
        secure=True,
        follow=True,
    )

    page = response.content.decode()
    assert PhasePlan.objects.count() == 5
    assert not PhasePlan.objects.get(phase="co_design").joint
    assert "Rezepte" in page and 'id="verlauf"' in page


def test_a_late_phase_save_keeps_the_input_and_shows_what_is_saved(coproduction, civil_member):
    client = login(civil_member.user)
    client.post(url("phases", coproduction), phase_data(), secure=True)
    client.post(
        url("phases", coproduction),
        phase_data(
            **{f"{p}-version": "1" for p in PhasePlan.Phase.values},
            **{"co_planning-administration_part": "Zuerst gespeichert"},
        ),
        secure=True,
    )

    response = client.post(
        url("phases", coproduction),
        phase_data(
            **{f"{p}-version": "1" for p in PhasePlan.Phase.values},
            **{"co_planning-administration_part": "Meine Fassung"},
        ),
        secure=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Meine Fassung" in page and "Zuerst gespeichert" in page
    assert PhasePlan.objects.get(phase="co_planning").administration_part == "Zuerst gespeichert"


def test_observers_read_the_phases_but_cannot_save(coproduction, civil_observer):
    client = login(civil_observer.user)
    page = client.get(url("phases", coproduction), secure=True).content.decode()
    assert "Noch nicht besprochen." in page

    response = client.post(url("phases", coproduction), phase_data(), secure=True)

    assert response.status_code == 403
    assert not PhasePlan.objects.exists()


def test_a_body_form_keeps_the_input_on_errors(coproduction, civil_member):
    response = login(civil_member.user).post(
        url("body_create", coproduction),
        {"name": "", "kind": "plenary", "purpose": "Mein langer Zweck", "visibility": "public"},
        secure=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "Mein langer Zweck" in page
    assert not Body.objects.exists()


def test_a_body_is_created_with_members_and_shown(coproduction, civil_member, admin_member):
    response = login(civil_member.user).post(
        url("body_create", coproduction),
        {
            "name": "Plenum",
            "kind": "plenary",
            "meeting_rhythm": "monatlich",
            "members": [civil_member.pk, admin_member.pk],
            "visibility": "public",
        },
        secure=True,
        follow=True,
    )

    page = response.content.decode()
    body = Body.objects.get()
    assert (body.owner_side, body.visibility) == ("", "public")
    assert set(body.members.all()) == {civil_member, admin_member}
    assert "trifft sich monatlich" in page and "Öffentlich" in page


@pytest.fixture
def plenary(coproduction, coordinator):
    return services.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="Plenum", kind="plenary"
    )


def test_a_mandate_with_a_holder_of_another_partner_is_refused_and_input_kept(
    coproduction, plenary, civil_member, admin_member
):
    response = login(civil_member.user).post(
        url("mandate_create", coproduction, plenary.pk),
        {
            "partner": civil_member.partner.pk,
            "holder": admin_member.pk,
            "may_decide_alone": "Termine festlegen",
            "started_on": "2026-01-01",
        },
        secure=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "ist nicht für „Ernährungsrat“ dabei" in page
    assert "Termine festlegen" in page
    assert not Mandate.objects.exists()


def test_rotating_through_the_page_keeps_the_former_holder_visible(
    coproduction, plenary, coordinator, civil_member
):
    successor = add_member(
        coproduction, make_user(display_name="Rosa Nachfolge"), side=Side.CIVIL_SOCIETY
    )
    mandate = services.mandate_create(
        actor=coordinator,
        body=plenary,
        partner=civil_member.partner,
        holder=civil_member,
        rotates=True,
        started_on=date(2026, 1, 1),
    )
    client = login(civil_member.user)
    search = "?auswahl=holder&holder__q=Rosa"
    form = client.get(
        url("mandate_rotate", coproduction, plenary.pk, mandate.pk) + search, secure=True
    )
    assert f'name="holder" value="{successor.pk}"' in form.content.decode()

    response = client.post(
        url("mandate_rotate", coproduction, plenary.pk, mandate.pk),
        {"holder": successor.pk, "started_on": "2026-06-01", "version": mandate.version},
        secure=True,
        follow=True,
    )

    page = response.content.decode()
    assert "Das Mandat ist rotiert" in page
    assert "Frühere Mandatsträger:innen" in page
    assert "bis 01.06.2026" in page
    assert Mandate.objects.get(ended_on__isnull=True).holder == successor


def test_a_rotation_before_the_mandate_began_is_refused(
    coproduction, plenary, coordinator, civil_member
):
    successor = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    mandate = services.mandate_create(
        actor=coordinator,
        body=plenary,
        partner=civil_member.partner,
        holder=civil_member,
        started_on=date(2026, 3, 1),
    )

    response = login(civil_member.user).post(
        url("mandate_rotate", coproduction, plenary.pk, mandate.pk),
        {"holder": successor.pk, "started_on": "2026-01-01", "version": mandate.version},
        secure=True,
    )

    assert "nicht vor dem Beginn" in response.content.decode()
    assert Mandate.objects.count() == 1


def _bodies(coproduction, coordinator, member, n):
    for i in range(n):
        body = services.body_create(
            actor=coordinator,
            coproduction=coproduction,
            owner_side="",
            name=f"Gremium {i}",
            kind="working_group",
            members=[member],
        )
        services.mandate_create(actor=coordinator, body=body, partner=member.partner, holder=member)


def test_the_body_list_costs_the_same_queries_for_few_and_many_bodies(
    coproduction, coordinator, civil_member, django_assert_max_num_queries
):
    client = login(civil_member.user)
    _bodies(coproduction, coordinator, civil_member, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(url("bodies", coproduction), secure=True)
    _bodies(coproduction, coordinator, civil_member, PAGE_SIZE + 5)

    with django_assert_max_num_queries(len(few)):
        page = client.get(url("bodies", coproduction), secure=True).content.decode()

    assert "Seite 1 von 2" in page


def test_the_body_page_costs_the_same_queries_for_few_and_many_mandates(
    coproduction, plenary, coordinator, civil_member, django_assert_max_num_queries
):
    client = login(civil_member.user)
    services.mandate_create(
        actor=coordinator, body=plenary, partner=civil_member.partner, holder=civil_member
    )
    with CaptureQueriesContext(connection) as few:
        client.get(url("body", coproduction, plenary.pk), secure=True)
    for _ in range(5):
        other = add_member(coproduction, side=Side.CIVIL_SOCIETY)
        services.mandate_create(
            actor=coordinator, body=plenary, partner=other.partner, holder=other
        )

    with django_assert_max_num_queries(len(few)):
        client.get(url("body", coproduction, plenary.pk), secure=True)
