from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from resources.models import Funding, Position
from tests.goals.conftest import login
from tests.resources.factories import make_funding, make_position
from workspaces.models import Membership

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"resources:{name}", args=[coproduction.slug, *args])


def test_a_position_is_entered_and_bad_input_keeps_what_was_typed(
    coproduction, coordinator, office
):
    client = login(coordinator)
    data = {
        "title": "Koordination im Umweltamt",
        "partner": office.pk,
        "tasks": "Sitzungen vorbereiten",
        "pay": "volunteer",
        "contract": "employment",
        "share_percent": "25",
        "filling": "group",
        "visibility": "side",
    }
    response = client.post(url("position_create", coproduction), data, secure=True)
    page = response.content.decode()
    assert response.status_code == 200 and "passt als Vertragsform" in page
    assert "Sitzungen vorbereiten" in page
    response = client.post(
        url("position_create", coproduction), {**data, "pay": "paid"}, secure=True
    )
    position = Position.objects.get()
    assert response.status_code == 302 and position.visibility == "side"
    assert client.get(url("position", coproduction, position.pk), secure=True).status_code == 200


def test_an_amount_is_typed_the_german_way(coproduction, coordinator, office):
    client = login(coordinator)
    data = {
        "title": "Förderprogramm Ernährungswende",
        "partner": office.pk,
        "source": "programme",
        "amount": "48.000,50",
        "end_date": "2027-06-30",
        "visibility": "side",
    }
    response = client.post(url("funding_create", coproduction), data, secure=True)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert str(Funding.objects.get().amount) == "48000.50"


def test_the_other_side_sees_neither_a_side_only_funding_nor_its_amount(
    coproduction, coordinator, office, civil_member
):
    make_funding(coproduction, coordinator, office, title="Geheimer Titel", amount=123456)
    client = login(civil_member.user)
    for name in ("fundings", "overview"):
        page = client.get(url(name, coproduction), secure=True).content.decode()
        assert "Geheimer Titel" not in page and "123" not in page.split("<main")[-1]


def test_the_overview_shows_a_gap_before_the_planned_end(coproduction, coordinator, office):
    today = timezone.localdate()
    type(coproduction).objects.filter(pk=coproduction.pk).update(
        planned_end=today + timedelta(days=400)
    )
    make_funding(coproduction, coordinator, office, end_date=today + timedelta(days=100))
    page = login(coordinator).get(url("overview", coproduction), secure=True).content.decode()
    gap_start = today + timedelta(days=101)
    assert "Lücke in der Finanzierung" in page
    assert f"ab {gap_start:%d.%m.%Y} bis {today + timedelta(days=400):%d.%m.%Y}" in page
    assert "<svg" in page and "noch offen" in page


def test_list_pages_ask_the_database_as_often_for_many_rows_as_for_few(
    coproduction, coordinator, office, django_assert_max_num_queries
):
    client = login(coordinator)
    member = Membership.objects.get(user=coordinator)

    def add(n):
        for i in range(n):
            position = make_position(coproduction, coordinator, office, holder=member)
            make_funding(
                coproduction,
                coordinator,
                office,
                positions=[position],
                end_date=date(2030, 1, i + 1),
            )

    def counts():
        result = {}
        for name in ("positions", "fundings", "overview"):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(name, coproduction), secure=True).status_code == 200
            result[name] = len(queries)
        return result

    add(2)
    few = counts()
    add(25)
    assert counts() == few


def test_the_werkstatt_search_finds_a_funding_for_its_side_only(
    coproduction, coordinator, office, civil_member
):
    make_funding(coproduction, coordinator, office, title="Mittel", funder="Stiftung Kantinenwende")
    search = reverse("search:werkstatt", args=[coproduction.slug])
    own = login(coordinator).get(search, {"q": "Kantinenwende"}, secure=True).content.decode()
    other = login(civil_member.user).get(search, {"q": "Kantinenwende"}, secure=True)
    assert "Finanzierung" in own and "Mittel" in own
    assert (
        "Kantinenwende"
        not in other.content.decode()
        .split('id="werkstatt-treffer"')[1]
        .split('id="faecher-treffer"')[0]
        .split("</div>", 1)[1]
    )
