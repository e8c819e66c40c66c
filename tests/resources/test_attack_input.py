"""Hostile input on positions and funding: dates at the ends of the calendar, odd numbers."""

from datetime import date

import pytest
from django.urls import reverse

from resources.models import Funding, Position
from resources.services import ResourceError
from tests.goals.conftest import login
from tests.resources.factories import make_funding, make_position

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "period",
    [
        {"end_date": date(9999, 12, 31)},
        {"start_date": date(1, 1, 1), "end_date": date(1, 1, 2)},
        {"start_date": date(1, 1, 1), "end_date": date(9999, 12, 31)},
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_refused(coproduction, coordinator, office, period):
    with pytest.raises(ResourceError, match="zwischen 1900 und 2199"):
        make_position(coproduction, coordinator, office, **period)
    with pytest.raises(ResourceError, match="zwischen 1900 und 2199"):
        make_funding(coproduction, coordinator, office, **period)


def test_the_overview_draws_the_widest_dates_allowed(coproduction, coordinator, office):
    period = {"start_date": date(1900, 1, 1), "end_date": date(2199, 12, 31)}
    make_position(coproduction, coordinator, office, **period)
    make_funding(coproduction, coordinator, office, **period)
    make_funding(coproduction, coordinator, office, end_date=date(2199, 12, 31))
    client = login(coordinator)
    for name in ("overview", "positions", "fundings"):
        response = client.get(reverse(f"resources:{name}", args=[coproduction.slug]), secure=True)
        assert response.status_code == 200, name


def test_a_date_at_the_ends_of_the_calendar_is_refused_with_the_input_kept(
    coproduction, coordinator, office
):
    client = login(coordinator)
    data = {
        "title": "Förderprogramm Ewigkeit",
        "partner": office.pk,
        "source": "programme",
        "end_date": "9999-12-31",
        "visibility": "side",
    }
    response = client.post(
        reverse("resources:funding_create", args=[coproduction.slug]), data, secure=True
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Bitte ein Datum zwischen 1900 und 2199" in page
    assert "Förderprogramm Ewigkeit" in page


@pytest.mark.parametrize("amount", ["²", "-5", "NaN", "Infinity", "1e400", "9" * 20, "1,2,3"])
def test_odd_amounts_get_a_german_message_and_nothing_is_stored(
    coproduction, coordinator, office, amount
):
    data = {
        "title": "Förderung mit seltsamem Betrag",
        "partner": office.pk,
        "source": "programme",
        "amount": amount,
        "visibility": "side",
    }
    response = login(coordinator).post(
        reverse("resources:funding_create", args=[coproduction.slug]), data, secure=True
    )
    assert response.status_code == 200 and not Funding.objects.exists()
    assert "Förderung mit seltsamem Betrag" in response.content.decode()


@pytest.mark.parametrize(
    "odd",
    [
        {"hours_per_week": "-1"},
        {"hours_per_week": "81"},
        {"hours_per_week": "²"},
        {"hours_per_week": "1e3"},
        {"share_percent": "0"},
        {"share_percent": "101"},
        {"share_percent": "²"},
        {"share_percent": "99999999999"},
    ],
)
def test_odd_hours_and_shares_get_a_message(coproduction, coordinator, office, odd):
    data = {
        "title": "Stelle mit seltsamer Zeit",
        "partner": office.pk,
        "pay": "paid",
        "contract": "employment",
        "filling": "group",
        "visibility": "side",
        **odd,
    }
    response = login(coordinator).post(
        reverse("resources:position_create", args=[coproduction.slug]), data, secure=True
    )
    assert response.status_code == 200 and not Position.objects.exists()
