"""The register of further actors and the Akteurslandkarte in a real browser: enter an actor
with a bad e-mail first, then the map — axe-core at 1280 and 360 pixels on every page."""

import pytest

from actors import services
from actors.models import Actor
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import make_coproduction, make_user, partner_on
from workspaces.visibility import Side

pytestmark = pytest.mark.browser
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def world(transactional_db):
    founder = make_user("ini@example.org", display_name="Ini Basis")
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Ernährung")
    office = partner_on(coproduction, Side.ADMINISTRATION)
    for i in range(12):
        services.actor_create(
            actor=founder,
            coproduction=coproduction,
            owner_side="civil_society",
            name=f"Initiative {i}",
            kind="network",
            closeness=["near", "middle", "far"][i % 3],
            influence=["high", "middle", "low"][i % 3],
            visibility="coproduction",
            relations={office.pk: ("", ["near", "far"][i % 2])},
        )
    return coproduction, founder, office


def test_an_actor_is_entered_and_the_map_is_accessible_wide_and_narrow(page, live_server, world):
    coproduction, founder, office = world
    log_in_by_cookie(page, live_server, founder)
    base = f"/werkstatt/{coproduction.slug}/akteure/"
    for size in (WIDE, SMALL_SCREEN):
        page.set_viewport_size(size)
        page.goto(base + "neu/")
        page.locator("#id_name").fill("Mieterbeirat Nord")
        page.locator("#id_kind").select_option("affected_org")
        page.get_by_label("Warum sollten sie mitmachen").fill("Sie wollen mitreden.")
        page.locator("#id_contact_email").fill("keine-adresse")
        page.locator(f"#id_rel_{office.pk}_closeness").select_option("near")
        page.get_by_role("button", name="Akteur speichern").click()
        assert page.get_by_label("Warum sollten sie mitmachen").input_value() == (
            "Sie wollen mitreden."
        )
        assert_no_axe_violations(page)
        page.locator("#id_contact_email").fill("beirat@nord.example")
        page.get_by_role("button", name="Akteur speichern").click()
        page.wait_for_url("**/akteure/*/")
        assert "Mieterbeirat Nord" in page.content()
        assert_no_axe_violations(page)
        if size == SMALL_SCREEN:
            assert_fits_small_screen(page)
        for path in ("", "landkarte/"):
            assert page.goto(base + path).status == 200
            assert_no_axe_violations(page)
            if size == SMALL_SCREEN:
                assert_fits_small_screen(page)
        assert page.locator("svg.stakeholder-map circle").count() > 12
    assert Actor.objects.filter(name="Mieterbeirat Nord").count() == 2
