"""The Kompass-Check in a real browser: a new co-production follows its getting-started list to
the end, a member sees the vote waiting for them on the overview and casts it from there — and
axe-core finds nothing on the Check's pages at 1280 and 360 pixels."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from decisions import services as decisions
from decisions import voting
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_user
from workspaces.models import Invitation, Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.browser
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def founder(transactional_db):
    return make_user("gruenderin@example.org", display_name="Gründerin Ini")


def first_steps(page):
    return page.get_by_role("region", name="Erste Schritte")


def follow_step(page, title: str) -> None:
    first_steps(page).get_by_role("link", name=title).click()


def back_to_overview(page, slug: str) -> None:
    page.goto(f"/werkstatt/{slug}/")


def test_a_new_coproduction_follows_its_getting_started_list_to_the_end(
    page, live_server, founder, browser
):
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Essen für alle")
    slug = coproduction.slug
    log_in_by_cookie(page, live_server, founder)
    back_to_overview(page, slug)
    assert first_steps(page).is_visible()

    follow_step(page, "Beide Seiten sind dabei")
    page.get_by_label("Name der Organisation").fill("Umweltamt")
    page.get_by_label("Verwaltung/Politik").check()
    page.get_by_label("Organisationsform").select_option(label="Fachbereich / Amt")
    page.get_by_label("Wie entscheidet ihr intern?").select_option(label="Hierarchie / Dienstweg")
    page.get_by_label("Zuständigkeiten und Aufgaben").fill("Klimaschutz und Ernährung")
    page.get_by_label("Warum macht ihr mit?").fill("Der Rat hat eine Strategie beschlossen.")
    page.get_by_role("button", name="Hinzufügen").click()
    page.wait_for_url(re.compile(r"/partner/\d+/$"))
    back_to_overview(page, slug)
    assert "✓ Beide Seiten sind dabei" in first_steps(page).inner_text()

    follow_step(page, "Jede Partner:in hat Mitglieder")
    page.get_by_label("E-Mail-Adresse").fill("amt@stadt.example")
    page.get_by_label("Für welche Partner:in?").select_option(label="Umweltamt")
    page.get_by_label("Mitglied", exact=True).check()
    page.get_by_role("button", name="Einladung senden").click()
    page.wait_for_url(re.compile(r"/mitglieder/$"))
    invitation = Invitation.objects.get(email="amt@stadt.example")
    official = make_user("amt@stadt.example", display_name="Amt Person")
    # The invited person, in a browser of their own.
    elsewhere = browser.new_context(base_url=live_server.url, locale="de-DE")
    other = elsewhere.new_page()
    log_in_by_cookie(other, live_server, official)
    other.goto(f"/werkstatt/einladung/{invitation.token}/")
    other.get_by_role("button", name="Einladung annehmen").click()
    other.wait_for_url(f"**/werkstatt/{slug}/ankommen/")  # newcomers land on „Ankommen“
    elsewhere.close()
    back_to_overview(page, slug)
    assert "✓ Jede Partner:in hat Mitglieder" in first_steps(page).inner_text()

    follow_step(page, "Die Partner:innen haben sich beschrieben")
    council = Membership.objects.get(user=founder).partner
    page.goto(f"/werkstatt/{slug}/partner/{council.pk}/")
    page.get_by_label("Zuständigkeiten und Aufgaben").fill("Netzwerk der Höfe und Tafeln")
    page.get_by_label("Warum macht ihr mit?").fill("Gutes Essen für alle.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(r"/partner/\d+/$"))
    back_to_overview(page, slug)
    assert "✓ Die Partner:innen haben sich beschrieben" in first_steps(page).inner_text()

    follow_step(page, "Eure Seite hat eigene Ziele formuliert")
    page.get_by_label("Abstrakt (warum)").check()
    page.locator("#id_title").fill("Gesundes Essen für alle")
    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_url(re.compile(r"/ziele/(\d+/)?$"))
    back_to_overview(page, slug)
    assert "✓ Eure Seite hat eigene Ziele formuliert" in first_steps(page).inner_text()

    follow_step(page, "Es gibt ein Gremium")
    page.locator("#id_name").fill("Plenum")
    page.get_by_label("Plenum", exact=True).check()
    page.get_by_role("button", name="Gremium speichern").click()
    page.wait_for_url(re.compile(r"/gremien/\d+/$"))
    back_to_overview(page, slug)
    assert "✓ Es gibt ein Gremium" in first_steps(page).inner_text()

    follow_step(page, "Jedes Gremium hat ein vereinbartes Entscheidungsverfahren")
    page.get_by_label("Konsent").check()
    page.get_by_label("Beschlussfähig ab (Stimmen)").fill("3")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(r"/gremien/\d+/$"))
    back_to_overview(page, slug)
    # Every first step is done: the list makes room for the rest of the Check.
    assert first_steps(page).count() == 0
    assert "Punkten geklärt" in page.get_by_role("region", name="Was ist noch offen?").inner_text()


def _open_vote(founder, coproduction, question, procedure):
    decision = decisions.decision_create(
        actor=founder, coproduction=coproduction, question=question, procedure=procedure
    )
    return voting.decision_open_voting(
        actor=founder,
        decision=decision,
        closes_at=timezone.now() + timedelta(days=5),
        expected_version=decision.version,
    )


def test_a_member_sees_the_vote_waiting_on_the_overview_and_casts_it_from_there(
    browser, live_server, founder
):
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY)
    member = add_member(coproduction, make_user("kim@example.org", display_name="Kim"))
    plan = _open_vote(founder, coproduction, "Gilt der Kantinenplan?", "consent")
    _open_vote(founder, coproduction, "Kaufen wir regional ein?", "majority")
    overview = f"/werkstatt/{coproduction.slug}/"

    # On a phone without JavaScript: a plain form beside the vote.
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport=SMALL_SCREEN, java_script_enabled=False
    )
    page = context.new_page()
    log_in_by_cookie(page, live_server, member.user)
    page.goto(overview)
    ballot = page.get_by_role("form", name="Abstimmen: Gilt der Kantinenplan?")
    ballot.get_by_label("Schwerwiegender Einwand").check()
    ballot.get_by_role("button", name="Abstimmen").click()
    # Refused: the error beside this vote, the choice kept, nothing counted.
    ballot = page.get_by_role("form", name="Abstimmen: Gilt der Kantinenplan?")
    assert "braucht eine Begründung" in ballot.inner_text()
    assert ballot.get_by_label("Schwerwiegender Einwand").is_checked()
    assert not plan.votes.exists()
    ballot.get_by_label("Begründung").fill("Die Küchen sind nicht gefragt worden.")
    ballot.get_by_role("button", name="Abstimmen").click()
    page.wait_for_url(re.compile(rf"{overview}#wartet$"))
    assert plan.votes.get(membership=member).choice == "objection"
    assert "ist gezählt" in page.locator("main").inner_text()
    waiting = page.get_by_role("region", name="Was wartet auf euch?")
    assert "Gilt der Kantinenplan?" not in waiting.inner_text()
    assert "Kaufen wir regional ein?" in waiting.inner_text()
    context.close()

    # With JavaScript (axe needs it): the ballot and its error are accessible, wide and narrow.
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=SMALL_SCREEN)
    page = context.new_page()
    log_in_by_cookie(page, live_server, member.user)
    for size in (SMALL_SCREEN, WIDE):
        page.set_viewport_size(size)
        page.goto(overview)
        assert_no_axe_violations(page)
        page.get_by_role("form", name="Abstimmen: Kaufen wir regional ein?").get_by_role(
            "button", name="Abstimmen"
        ).click()
        page.wait_for_load_state()
        assert "Wählt eine der Antworten aus." in page.locator("main").inner_text()
        assert_no_axe_violations(page)
        if size is SMALL_SCREEN:
            assert_fits_small_screen(page)
    context.close()


def test_the_check_pages_are_accessible_wide_and_on_a_small_screen(page, live_server, founder):
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY)
    add_member(coproduction, side=Side.ADMINISTRATION)
    log_in_by_cookie(page, live_server, founder)
    base = f"/werkstatt/{coproduction.slug}/"
    paths = [base, base + "kompass/", base + "konflikte/umgang/", "/faecher/kompass/", "/"]
    paths.append("/faecher/karten/42/")
    for size in (WIDE, SMALL_SCREEN):
        page.set_viewport_size(size)
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, path
            assert_no_axe_violations(page)
            if size is SMALL_SCREEN:
                assert_fits_small_screen(page)
    # The set-aside form opens by keyboard and its label names the field.
    page.goto(base + "kompass/")
    summary = page.locator("details.set-aside summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.get_by_label("Warum bleibt es bewusst offen?").first.is_visible()
    assert_no_axe_violations(page)
    # Set aside: its section, reason and the button that reopens it, wide and narrow.
    page.get_by_label("Warum bleibt es bewusst offen?").first.fill("Klären wir im Plenum.")
    page.get_by_role("button", name="Bewusst offen lassen").first.click()
    page.wait_for_load_state()
    region = page.get_by_role("region", name="Bewusst offen")
    assert "Klären wir im Plenum." in region.inner_text()
    for size in (WIDE, SMALL_SCREEN):
        page.set_viewport_size(size)
        assert_no_axe_violations(page)
    assert_fits_small_screen(page)
