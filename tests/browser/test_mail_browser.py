"""The coordination's list of mails that were not delivered, in a real browser: axe-core finds
nothing, and a long technical reason fits a 360 pixel wide screen."""

from smtplib import SMTPRecipientsRefused

import pytest

from demo.build import SLUG, create_demo
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.tasks import give_up_every_mail
from workspaces.models import Membership

pytestmark = pytest.mark.browser

REFUSED = SMTPRecipientsRefused(
    {
        "verwaltung@demo.example": (
            550,
            b"5.1.1 <verwaltung@demo.example>: Recipient address rejected: "
            b"User unknown in virtual mailbox",
        )
    }
)


def test_the_coordination_finds_undelivered_mails_from_the_members_page(
    page, live_server, transactional_db
):
    create_demo("browser-password-123")
    give_up_every_mail(REFUSED)
    coordination = Membership.objects.filter(coproduction__slug=SLUG, access="coordination").first()
    log_in_by_cookie(page, live_server, coordination.user)

    page.goto(f"/werkstatt/{SLUG}/mitglieder/")
    page.get_by_role("link", name="nicht zugestellt").click()
    page.wait_for_url(f"**/werkstatt/{SLUG}/nicht-zugestellt/")
    assert page.locator("h1").inner_text() == "Nicht zugestellte E-Mails"
    assert "Recipient address rejected" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.set_viewport_size(SMALL_SCREEN)
    assert_fits_small_screen(page)
