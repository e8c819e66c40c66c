"""Accounts in a real browser: sign up, confirm by e-mail, reach the account page, sign out —
with axe-core on the way and the header checked on a 360 pixel wide screen."""

import re

import pytest

from tests.browser.test_guide import AXE_SCRIPT, AXE_TAGS, SMALL_SCREEN, format_violations
from tests.tasks import run_due_tasks

pytestmark = pytest.mark.browser

PASSWORD = "Fenchel-und-Feldsalat-42"
CONFIRM_LINK = re.compile(r"https?://[^\s]+/konto/confirm-email/[^\s]+/")


def assert_no_axe_violations(page) -> None:
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results["violations"]
    assert not violations, f"axe-core on {page.url}:\n{format_violations(violations)}"


def assert_fits_small_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_SCREEN["width"], f"{page.url} is {width}px wide at 360px"


def test_a_person_signs_up_confirms_the_mail_and_uses_the_account_page(
    page, live_server, mailoutbox, transactional_db
):
    page.goto("/konto/signup/")
    assert_no_axe_violations(page)
    form = page.locator("main form")

    form.get_by_label("E-Mail-Adresse").fill("neu@example.org")
    form.get_by_label("Name (freiwillig)").fill("Nele Neu")
    form.get_by_label("Passwort", exact=True).fill("kurz")
    form.get_by_label("Passwort (noch einmal)").fill("kurz")
    form.get_by_role("button", name="Registrieren").click()

    error = page.locator("#id_password1_error")
    assert "zu kurz" in error.inner_text()
    assert page.get_by_label("E-Mail-Adresse").input_value() == "neu@example.org"
    assert page.get_by_label("Name (freiwillig)").input_value() == "Nele Neu"
    assert_no_axe_violations(page)

    form.get_by_label("Passwort", exact=True).fill(PASSWORD)
    form.get_by_label("Passwort (noch einmal)").fill(PASSWORD)
    form.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/konto/confirm-email/")
    assert "Bitte bestätigt eure E-Mail-Adresse" in page.locator("h1").inner_text()

    run_due_tasks()  # the worker sends the verification mail
    assert len(mailoutbox) == 1
    page.goto(CONFIRM_LINK.search(mailoutbox[0].body).group(0))
    page.locator("main").get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/werkstatt/")

    page.get_by_role("navigation", name="Werkstatt und Konto").get_by_role(
        "link", name="Konto"
    ).click()
    page.wait_for_url("**/konto/")
    assert page.locator("h1").inner_text() == "Euer Konto"
    page.get_by_role("textbox", name="Name").fill("Neu Mitglied")
    page.get_by_role("button", name="Namen speichern").click()
    assert "Euer Name ist gespeichert." in page.get_by_role("status").inner_text()
    assert_no_axe_violations(page)
    page.set_viewport_size(SMALL_SCREEN)
    assert_fits_small_screen(page)

    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("link", name="Anmelden", exact=True).is_visible()

    page.goto("/konto/login/")
    assert_fits_small_screen(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    assert_no_axe_violations(page)
    page.locator("main").get_by_label("E-Mail-Adresse").fill("neu@example.org")
    page.locator("main").get_by_label("Passwort", exact=True).fill("falsch-falsch")
    page.locator("main").get_by_role("button", name="Anmelden").click()
    assert "stimmen nicht" in page.get_by_role("alert").inner_text()
    assert_no_axe_violations(page)
