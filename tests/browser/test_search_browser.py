"""The Werkstatt search in a real browser: from the header by keyboard, hits with kind, date and
visibility, the guide's cards beside them — axe-core and a 360 pixel screen."""

import pytest

from goals import services as goals
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_user
from workspaces.visibility import Side

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    founder = make_user("ini@example.org", display_name="Ini Basis")
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Ernährung")
    amt = add_member(coproduction, side=Side.ADMINISTRATION).user
    c = dict(actor=founder, coproduction=coproduction, level="abstract")
    goals.goal_create(
        **c, kind="side", owner_side="civil_society", title="Entscheidung über den Ernährungsgipfel"
    )
    goals.goal_create(
        **c,
        kind="joint",
        owner_side="",
        title="Ernährungsgipfel im Herbst",
        description="Alle Kantinen der Stadt laden wir zum Gipfel ein.",
    )
    goals.goal_create(
        **c,
        kind="side",
        owner_side="administration",
        title="Gipfel intern vorbereiten",
        visibility="side",
    )
    return coproduction, founder, amt


def test_searching_the_werkstatt_from_the_header_by_keyboard(page, live_server, world):
    coproduction, founder, _amt = world
    log_in_by_cookie(page, live_server, founder)
    page.set_viewport_size(SMALL_SCREEN)
    page.goto(f"/werkstatt/{coproduction.slug}/")
    # On a phone the header's search is folded into one control: opened by keyboard.
    page.locator(".site-header details summary", has_text="Suche und Leitfaden").focus()
    page.keyboard.press("Enter")
    field = page.get_by_role("searchbox", name="In der Werkstatt und im Leitfaden suchen")
    field.focus()
    page.keyboard.type("Gipfel")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/werkstatt/{coproduction.slug}/suche/?q=Gipfel")
    results = page.locator("ol.results > li")
    assert results.count() == 2  # the administration's side-only goal is not there
    assert "Gipfel intern" not in page.content()
    assert page.locator("ol.results mark").count() >= 2
    first = results.first
    assert "Ziel" in first.inner_text() and "Nur Zivilgesellschaft" in page.content()
    assert page.get_by_role("heading", name="Im Leitfaden").is_visible()
    assert_no_axe_violations(page)
    assert_fits_small_screen(page)
    first.get_by_role("link").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/werkstatt/{coproduction.slug}/ziele/*/")


def test_the_other_side_finds_nothing_of_it_and_is_told_so(page, live_server, world):
    coproduction, _founder, amt = world
    log_in_by_cookie(page, live_server, amt)
    page.goto(f"/werkstatt/{coproduction.slug}/suche/?q=Entscheidung+Ernährungsgipfel")
    assert "haben wir in der Werkstatt nichts gefunden" in page.content()
    assert_no_axe_violations(page)
