"""Meetings in a real browser: schedule a meeting by poll, hold it with agenda and minutes —
with axe-core and a 360 pixel wide screen on every page on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import Meeting, Minutes
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie, verified_user
from tests.factories import add_member, make_coproduction
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.browser


def check(page) -> None:
    assert_no_axe_violations(page)
    page.set_viewport_size(SMALL_SCREEN)
    assert_fits_small_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_meeting_is_scheduled_by_poll_and_held_with_agenda_and_minutes(
    page, live_server, transactional_db
):
    coordinator = verified_user("amt@stadt.example", "Vera Amt")
    coproduction = make_coproduction(coordinator, name="Essen für alle")
    volunteer = add_member(
        coproduction, verified_user("ini@rat.example", "Ini Rat"), side=Side.CIVIL_SOCIETY
    )
    Membership.objects.filter(pk=volunteer.pk).update(employment="volunteer")
    log_in_by_cookie(page, live_server, coordinator)
    base = f"/werkstatt/{coproduction.slug}/treffen/"

    page.goto(base)
    check(page)
    page.get_by_role("link", name="Termin per Umfrage suchen").click()
    check(page)
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Wofür sucht ihr einen Termin?").fill("Auftakt-Plenum")
    page.get_by_label("Vorschlag 1: Beginn").fill(f"{yesterday:%Y-%m-%d}T10:00")
    page.get_by_label("Vorschlag 1: Ende").fill(f"{yesterday:%Y-%m-%d}T12:00")
    page.get_by_role("button", name="Umfrage anlegen").click()
    page.wait_for_url("**/umfragen/*/")
    assert "Ehrenamtliche fehlen" in page.content()  # nobody answered yet, Ini is a volunteer
    page.locator("main form.stacked input[value='yes']").first.check()
    page.get_by_role("button", name="Antworten speichern").click()
    assert "Eure Antworten sind gespeichert" in page.get_by_role("status").inner_text()
    check(page)

    page.get_by_role("link", name="Umfrage abschließen").click()
    check(page)
    page.get_by_label("In Präsenz").check()
    page.get_by_role("button", name="Abschließen").click()
    assert "Ein Treffen in Präsenz braucht einen Ort." in page.content()  # kept, explained
    page.get_by_label("Ort").fill("Stadtteilzentrum")
    page.get_by_role("button", name="Abschließen").click()
    page.wait_for_url("**/treffen/*/")
    meeting = Meeting.objects.get()
    check(page)

    page.get_by_role("link", name="Punkt ergänzen").click()
    check(page)
    page.get_by_label("Punkt").fill("Wie entscheiden wir?")
    page.get_by_label("Kann zu einer Entscheidung führen").check()
    page.get_by_role("button", name="Punkt ergänzen").click()
    page.wait_for_url(f"**/treffen/{meeting.pk}/#tagesordnung")
    assert "Wie entscheiden wir?" in page.locator("#tagesordnung + ol").inner_text()

    page.get_by_role("link", name="Protokoll (Entwurf)").click()
    check(page)
    page.get_by_label("Ini Rat (Ernährungsrat)").check()
    page.locator("#id_text").fill("Vereinbart: Plenum alle sechs Wochen.")
    page.get_by_role("button", name="Protokoll speichern").click()
    page.get_by_role("button", name="Protokoll genehmigen").click()
    assert "endgültig" in page.get_by_role("status").inner_text()
    check(page)
    assert page.locator("textarea").count() == 0
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.APPROVED
