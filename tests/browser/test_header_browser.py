"""The site header on a phone (issue 9 §3): at 360 pixels the guide's links and the search fold
into one control that works without JavaScript, so the header takes two short rows and the
first screen shows the page; wide screens keep the row. axe finds nothing either way."""

import pytest

from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import make_coproduction, make_user

pytestmark = pytest.mark.browser
WIDE = {"width": 1280, "height": 900}
# Two rows: the name and the personal links, then the folded control.
HEADER_LIMIT = 110


def header_height(page) -> float:
    return page.locator(".site-header").evaluate("el => el.getBoundingClientRect().height")


def header_fold(page):
    return page.locator(".site-header details summary", has_text="Suche und Leitfaden")


@pytest.fixture
def member(transactional_db):
    user = make_user("kim@example.org", display_name="Kim")
    make_coproduction(user, name="Essen für alle")
    return user


def test_on_a_phone_the_header_folds_its_links_and_search_into_one_control_without_javascript(
    browser, live_server, member
):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport=SMALL_SCREEN, java_script_enabled=False
    )
    page = context.new_page()
    for path in ("/faecher/", "/"):  # the Fächer's pages are rendered once, with the same header
        page.goto(path)
        height = header_height(page)
        print(f"{path}: header {height:.0f}px at 360px, logged out")
        assert height <= HEADER_LIMIT
    log_in_by_cookie(page, live_server, member)
    page.goto("/werkstatt/essen-fuer-alle/")
    height = header_height(page)
    print(f"overview: header {height:.0f}px at 360px, logged in")
    assert height <= HEADER_LIMIT
    header = page.locator(".site-header")
    assert header.get_by_role("link", name="Werkstatt").is_visible()  # the personal links stay
    assert header.get_by_role("link", name="Der Fächer").count() == 0  # folded: none on screen
    assert header.get_by_role("searchbox").count() == 0

    header_fold(page).click()
    search = header.get_by_role("searchbox", name="In der Werkstatt und im Leitfaden suchen")
    assert header.get_by_role("link", name="Der Fächer").is_visible()
    search.fill("Kantine")
    header.get_by_role("button", name="Suchen").click()
    page.wait_for_url("**/werkstatt/essen-fuer-alle/suche/?q=Kantine")
    context.close()


def test_the_header_is_accessible_folded_open_and_wide(browser, live_server, member):
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=SMALL_SCREEN)
    page = context.new_page()
    log_in_by_cookie(page, live_server, member)
    for path in ("/werkstatt/essen-fuer-alle/", "/faecher/karten/6/"):
        page.set_viewport_size(SMALL_SCREEN)
        page.goto(path)
        assert_no_axe_violations(page)
        assert_fits_small_screen(page)
        # Keyboard: reached by Tab, opened with Enter.
        header_fold(page).focus()
        page.keyboard.press("Enter")
        assert page.locator(".site-header").get_by_role("searchbox").is_visible()
        assert_no_axe_violations(page)
        assert_fits_small_screen(page)

        page.set_viewport_size(WIDE)
        page.goto(path)
        assert not header_fold(page).is_visible()
        header = page.locator(".site-header")
        assert header.get_by_role("link", name="Der Fächer").is_visible()
        assert header.get_by_role("searchbox").is_visible()
        assert_no_axe_violations(page)
    context.close()
