"""The life cycle in a real browser (cards 34–38): every page with axe-core at 1280 and 360
pixels, a way of making it permanent entered with bad input first, then ending the
co-production with its confirmation, the read-only archive, and reopening it."""

import pytest

from lifecycle import services
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_user
from workspaces.models import Coproduction
from workspaces.visibility import Side

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    founder = make_user("amt@example.org", display_name="Alex Amt")
    coproduction = make_coproduction(founder, side=Side.ADMINISTRATION, name="Kantinen")
    add_member(coproduction, side=Side.CIVIL_SOCIETY)
    path = services.path_create(actor=founder, coproduction=coproduction, path="regular")
    plan = services.impact_create(
        actor=founder, coproduction=coproduction, owner_side="", way="scale", title="Land"
    )
    services.closing_save(
        actor=founder, coproduction=coproduction, expected_version=None, reflection="Gut"
    )
    return coproduction, founder, path, plan


def test_every_lifecycle_page_is_accessible_on_wide_and_small_screens(page, live_server, world):
    coproduction, founder, path, plan = world
    log_in_by_cookie(page, live_server, founder)
    base = f"/werkstatt/{coproduction.slug}/verlauf/"
    paths = [
        "",
        "phase/",
        "verstetigung/neu/",
        f"verstetigung/{path.pk}/",
        f"verstetigung/{path.pk}/loeschen/",
        "abschluss/",
        "wirkung/neu/",
        f"wirkung/{plan.pk}/",
        f"wirkung/{plan.pk}/loeschen/",
    ]
    for size in (None, SMALL_SCREEN):
        if size:
            page.set_viewport_size(size)
        for path_ in paths:
            response = page.goto(base + path_)
            assert response.status == 200, path_
            assert_no_axe_violations(page)
            if size:
                assert_fits_small_screen(page)


def test_a_path_is_entered_then_the_co_production_ends_and_is_reopened(page, live_server, world):
    coproduction, founder, _path, _plan = world
    log_in_by_cookie(page, live_server, founder)
    base = f"/werkstatt/{coproduction.slug}/verlauf/"

    page.goto(base + "verstetigung/neu/")
    page.get_by_label("Schritte bis dahin").fill("Beschluss im Ausschuss")
    page.get_by_role("button", name="Weg speichern").click()
    assert "erforderlich" in page.content() or "Pflichtfeld" in page.content()
    assert page.get_by_label("Schritte bis dahin").input_value() == "Beschluss im Ausschuss"
    assert_no_axe_violations(page)
    page.get_by_label("Eigene dauerhafte Institution").check()
    page.get_by_role("button", name="Weg speichern").click()
    page.wait_for_url("**/verlauf/verstetigung/*/")

    page.goto(base + "phase/")
    page.get_by_label("Beendet", exact=True).check()
    page.get_by_label("Ziele erreicht").check()
    page.get_by_role("button", name="Phase wechseln").click()
    assert "wirklich beenden" in page.content()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, beenden").click()
    page.wait_for_url(f"**{base}")
    assert "nur noch zum Nachlesen" in page.content()
    assert page.get_by_role("link", name="Weg der Verstetigung eintragen").count() == 0
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Wieder öffnen …").click()
    page.get_by_label("Abschluss", exact=True).check()
    page.get_by_role("button", name="Phase wechseln").click()
    assert "warum ihr die beendete" in page.content()
    page.get_by_label("Anlass").fill("Der Bericht fehlt noch")
    page.get_by_label("Abschluss", exact=True).check()
    page.get_by_role("button", name="Phase wechseln").click()
    page.wait_for_url(f"**{base}")
    coproduction.refresh_from_db()
    assert coproduction.stage == Coproduction.Stage.CLOSING
