"""The picker in a real browser, with and without JavaScript: search, choose by keyboard,
save — axe-core finds nothing, the Content-Security-Policy holds, and only the chosen and the
matches are on the page, never all goals."""

import re

import pytest

from goals.models import Goal
from tests.browser.test_accounts_browser import assert_no_axe_violations
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_goal, make_user
from workspaces.visibility import Side, Visibility

pytestmark = pytest.mark.browser

GOALS = 40


@pytest.fixture
def world(transactional_db):
    founder = make_user("ini@example.org", display_name="Ini Basis")
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Ernährung")
    add_member(coproduction, make_user("rita@example.org", display_name="Rita Rat"))
    for n in range(GOALS):
        make_goal(
            coproduction,
            side=Side.CIVIL_SOCIETY,
            visibility=Visibility.COPRODUCTION,
            title=f"Kita {n:02d} kocht frisch",
        )
    make_goal(coproduction, side=Side.ADMINISTRATION, title="Kita geheim")
    return coproduction, founder


def csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


def test_with_javascript_the_search_finds_while_typing_and_keyboard_chooses(
    page, live_server, world
):
    coproduction, founder = world
    log_in_by_cookie(page, live_server, founder)
    errors = csp_errors(page)
    page.goto(f"/werkstatt/{coproduction.slug}/ziele/gemeinsam/neu/")
    answers = page.get_by_role("group", name="Welche geteilten Ziele der Seiten beantwortet es?")
    assert answers.get_by_role("checkbox").count() == 0
    assert_no_axe_violations(page)

    page.get_by_label("Abstrakt (warum)").check()
    page.get_by_label("Ziel:", exact=True).fill("Frisch gekocht in allen Kitas")
    search = answers.get_by_label("Suchen und hinzufügen")
    search.fill("Kita 0")
    results = answers.locator(".picker-results")
    results.get_by_text("13 Treffer für „Kita 0“").wait_for()  # every word matches
    assert "Kita geheim" not in results.inner_text()
    assert_no_axe_violations(page)

    # Enter searches instead of saving; Tab passes the search button and reaches the first
    # match, Space ticks it.
    search.fill("Kita 07")
    search.press("Enter")
    results.get_by_text("1 Treffer").wait_for()
    search.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press(" ")
    chosen = answers.locator(".picker-chosen")
    chosen.get_by_label("Kita 07 kocht frisch (Zivilgesellschaft)").wait_for()
    # A second search keeps the first choice.
    search.fill("Kita 12")
    results.get_by_label("Kita 12 kocht frisch (Zivilgesellschaft)").check()
    search.fill("Kita 3")
    results.get_by_text("Treffer für „Kita 3“").wait_for()
    assert chosen.get_by_role("checkbox", checked=True).count() == 2

    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_url(re.compile(r"/ziele/\d+/$"))
    goal = Goal.objects.get(title="Frisch gekocht in allen Kitas")
    assert sorted(g.title for g in goal.answers.all()) == [
        "Kita 07 kocht frisch",
        "Kita 12 kocht frisch",
    ]
    assert not errors, errors


def test_without_javascript_the_search_button_keeps_the_input(browser, live_server, world):
    coproduction, founder = world
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=False
    )
    try:
        page = context.new_page()
        log_in_by_cookie(page, live_server, founder)
        page.goto(f"/werkstatt/{coproduction.slug}/ziele/gemeinsam/neu/")
        page.get_by_label("Abstrakt (warum)").check()
        page.get_by_label("Ziel:", exact=True).fill("Ohne Skript geplant")
        answers = page.get_by_role(
            "group", name="Welche geteilten Ziele der Seiten beantwortet es?"
        )
        answers.get_by_label("Suchen und hinzufügen").fill("Kita 2")
        answers.get_by_role("button", name="Suchen").click()

        assert page.get_by_label("Ziel:", exact=True).input_value() == "Ohne Skript geplant"
        assert not Goal.objects.filter(title="Ohne Skript geplant").exists()
        answers.get_by_label("Kita 21 kocht frisch (Zivilgesellschaft)").check()
        steward = page.get_by_role("group", name="Wer behält das Ziel im Blick?")
        steward.get_by_label("Suchen und auswählen").fill("Rita")
        steward.get_by_role("button", name="Suchen").click()
        # the goal ticked before the second search stays ticked
        assert answers.get_by_role("checkbox", checked=True).count() == 1
        steward.get_by_label("Rita Rat (Ernährungsrat)").check()
        page.get_by_role("button", name="Ziel speichern").click()
        page.wait_for_url(re.compile(r"/ziele/\d+/$"))
    finally:
        context.close()

    goal = Goal.objects.get(title="Ohne Skript geplant")
    assert [g.title for g in goal.answers.all()] == ["Kita 21 kocht frisch"]
    assert str(goal.steward) == "Rita Rat"


def test_the_page_of_matches_without_javascript_is_accessible(page, live_server, world):
    """The markup a search step sends without JavaScript, checked by axe-core."""
    coproduction, founder = world
    log_in_by_cookie(page, live_server, founder)
    page.goto(
        f"/werkstatt/{coproduction.slug}/ziele/gemeinsam/neu/?auswahl=answers&answers__q=Kita"
    )
    answers = page.get_by_role("group", name="Welche geteilten Ziele der Seiten beantwortet es?")
    assert answers.get_by_role("checkbox").count() == 15
    assert_no_axe_violations(page)
