"""Positions and funding in a real browser: a funding entered with bad input first, then the
timeline with its gap — axe-core at 1280 and 360 pixels, nothing wider than a phone."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from resources.models import Funding
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_user
from tests.resources.factories import make_funding, make_position
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def world(transactional_db):
    today = timezone.localdate()
    founder = make_user("ini@example.org", display_name="Ini Basis")
    coproduction = make_coproduction(
        founder,
        side=Side.CIVIL_SOCIETY,
        name="Ernährung",
        start_date=date(2026, 1, 1),
        planned_end=today + timedelta(days=700),
    )
    ini = Membership.objects.get(user=founder)
    add_member(coproduction, make_user("kim@example.org", display_name="Kim Wechsel"))
    position = make_position(
        coproduction,
        founder,
        ini.partner,
        title="Koordination des Ernährungsrats",
        contract="fee",
        end_date=today + timedelta(days=300),
    )
    funding = make_funding(
        coproduction,
        founder,
        ini.partner,
        title="Stiftung Gutes Essen",
        source="foundation",
        end_date=today + timedelta(days=300),
        positions=[position],
    )
    return coproduction, founder, position, funding


def test_every_resources_page_is_accessible_at_both_widths(page, live_server, world):
    coproduction, founder, position, funding = world
    log_in_by_cookie(page, live_server, founder)
    base = f"/werkstatt/{coproduction.slug}/ressourcen/"
    paths = [
        "",
        "stellen/",
        "stellen/neu/",
        f"stellen/{position.pk}/",
        f"stellen/{position.pk}/loeschen/",
        "finanzierung/",
        "finanzierung/neu/",
        f"finanzierung/{funding.pk}/",
        f"finanzierung/{funding.pk}/loeschen/",
    ]
    for size in (WIDE, SMALL_SCREEN):
        page.set_viewport_size(size)
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, path
            assert_no_axe_violations(page)
            if size == SMALL_SCREEN:
                assert_fits_small_screen(page)


def test_a_funding_is_entered_and_the_timeline_shows_the_gap(page, live_server, world):
    coproduction, founder, _position, _funding = world
    log_in_by_cookie(page, live_server, founder)
    page.set_viewport_size(SMALL_SCREEN)
    page.goto(f"/werkstatt/{coproduction.slug}/ressourcen/finanzierung/neu/")
    page.get_by_label("Bezeichnung der Finanzierung").fill("Förderprogramm Ernährungswende")
    page.get_by_label("Förderprogramm", exact=True).check()
    page.get_by_label("Betrag in Euro").fill("48.000,50")
    page.get_by_label("Ende:", exact=True).fill(
        (timezone.localdate() + timedelta(days=400)).isoformat()
    )
    page.get_by_label("Verstetigung in den Haushalt").check()
    page.get_by_role("button", name="Finanzierung speichern").click()
    assert "braucht jemanden, der sich kümmert" in page.content()
    assert page.get_by_label("Betrag in Euro").input_value() == "48.000,50"
    assert_no_axe_violations(page)

    page.get_by_label("Noch offen").check()
    page.get_by_role("button", name="Finanzierung speichern").click()
    page.wait_for_url("**/ressourcen/finanzierung/*/")
    assert str(Funding.objects.get(title="Förderprogramm Ernährungswende").amount) == "48000.50"

    page.get_by_role("link", name="Alle Finanzierungen").click()
    page.get_by_role("link", name="Zeitleiste").click()
    assert "Lücke in der Finanzierung" in page.content()
    page.get_by_text("Die Zeitleiste als Tabelle").click()
    table = page.get_by_role("table")
    assert table.get_by_role("link", name="Förderprogramm Ernährungswende").is_visible()
    assert_no_axe_violations(page)
    assert_fits_small_screen(page)
    page.set_viewport_size(WIDE)
    assert_no_axe_violations(page)
