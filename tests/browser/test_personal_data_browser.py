"""The data page with what the feature apps store about a person, in a real browser: axe-core
at 1280 and 360 pixels, and the wide tables scroll inside their box on a phone."""

import pytest

from tests import factories
from tests.accounts.personal_data.entries import everything_of
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from workspaces.visibility import Side

pytestmark = pytest.mark.browser
LARGE_SCREEN = {"width": 1280, "height": 800}


def test_the_data_page_with_every_section_is_accessible_and_fits_a_phone(
    page, live_server, transactional_db
):
    coordinator = factories.make_user("koordination@amt.example")
    coproduction = factories.make_coproduction(coordinator, name="Ernährung")
    ada = factories.add_member(
        coproduction,
        factories.make_user("ada@example.org", display_name="Ada"),
        side=Side.CIVIL_SOCIETY,
    )
    everything_of(coproduction, ada, coordinator)
    log_in_by_cookie(page, live_server, ada.user)

    for size in (LARGE_SCREEN, SMALL_SCREEN):
        page.set_viewport_size(size)
        page.goto("/konto/daten/")
        assert page.get_by_role("heading", name="Eure Stimmen").is_visible()
        assert_no_axe_violations(page)
        if size == SMALL_SCREEN:
            assert_fits_small_screen(page)
