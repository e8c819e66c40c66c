"""Meetings in a real browser: schedule a meeting by poll, hold it with agenda and minutes
(issue 4) — three people at three computers, with axe-core and a 360 pixel wide screen on
every page on the way."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models import F
from django.utils import timezone

from conflicts.models import Conflict
from meetings.models import AgendaItem, Meeting, Minutes, SchedulePoll
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import (
    log_in_by_cookie,
    second_page,
    status_text,
    verified_user,
)
from tests.factories import add_member, make_coproduction
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.browser


def check(page) -> None:
    """No axe violation, and nothing wider than a 360 pixel screen; every Werkstatt page links
    the cards it rests on."""
    assert_no_axe_violations(page)
    page.set_viewport_size(SMALL_SCREEN)
    assert_fits_small_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".why a").count() > 0, f"{page.url} links no card"


def coming_weekday_and_saturday():
    """Dates still to come (a poll asks only about those): the next weekday after today and
    the next Saturday after today."""
    today = timezone.localdate()
    weekday = today + timedelta(days=1)
    while weekday.weekday() >= 5:
        weekday += timedelta(days=1)
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    return weekday, saturday


def answer(page, label: str, choice: str) -> None:
    """One proposed date is one group of radio buttons, named by the date."""
    page.get_by_role("group", name=label).get_by_label(choice, exact=True).check()


def agenda_titles(page) -> list[str]:
    return [text.strip() for text in page.locator("ol.agenda > li > strong").all_inner_texts()]


def test_a_meeting_is_scheduled_by_poll_and_held_with_agenda_and_minutes(
    browser, page, live_server, transactional_db
):
    coordinator = verified_user("amt@stadt.example", "Vera Amt")
    coproduction = make_coproduction(coordinator, name="Essen für alle")  # the environment office
    colleague = verified_user("kollege@stadt.example", "Karl Kollege")
    add_member(coproduction, colleague, side=Side.ADMINISTRATION)
    volunteer = verified_user("ini@rat.example", "Ini Rat")
    membership = add_member(coproduction, volunteer, side=Side.CIVIL_SOCIETY)
    Membership.objects.filter(pk=membership.pk).update(employment="volunteer")
    Conflict.objects.create(coproduction=coproduction, title="Flächenvergabe")
    log_in_by_cookie(page, live_server, coordinator)
    base = f"/werkstatt/{coproduction.slug}/treffen/"
    day, saturday = coming_weekday_and_saturday()
    working_hours = f"{day:%d.%m.%Y} 10:00 (Arbeitszeit)"
    evening = f"{day:%d.%m.%Y} 18:00 (Abends)"
    weekend = f"{saturday:%d.%m.%Y} 11:00 (Wochenende)"

    # 1. The coordinator proposes three dates: working hours, evening, weekend.
    page.goto(base)
    check(page)
    page.get_by_role("link", name="Termin per Umfrage suchen").click()
    check(page)
    page.get_by_label("Wofür sucht ihr einen Termin?").fill("Auftakt")
    for n, (when, start, end) in enumerate(
        [(day, "10:00", "12:00"), (day, "18:00", "20:00"), (saturday, "11:00", "13:00")], 1
    ):
        page.get_by_label(f"Vorschlag {n}: Beginn").fill(f"{when:%Y-%m-%d}T{start}")
        page.get_by_label(f"Vorschlag {n}: Ende").fill(f"{when:%Y-%m-%d}T{end}")
    page.get_by_role("button", name="Umfrage anlegen").click()
    page.wait_for_url("**/umfragen/*/")
    poll = SchedulePoll.objects.get()
    poll_url = page.url
    for label in (working_hours, evening, weekend):
        answer(page, label, "Ja")
    page.get_by_role("button", name="Antworten speichern").click()
    assert "Eure Antworten sind gespeichert" in status_text(page)

    # 2. Two members of different sides answer at their own computers.
    for person, answers in [
        (colleague, {working_hours: "Ja", evening: "Nein", weekend: "Nein"}),
        (volunteer, {working_hours: "Nein", evening: "Ja", weekend: "Wenn es sein muss"}),
    ]:
        context, other = second_page(browser, live_server)
        log_in_by_cookie(other, live_server, person)
        other.goto(poll_url)
        for label, choice in answers.items():
            answer(other, label, choice)
        other.get_by_role("button", name="Antworten speichern").click()
        assert "Eure Antworten sind gespeichert" in status_text(other)
        context.close()

    # 3. The coordinator sees who can come; the working-hours date leaves the volunteer out.
    page.reload()
    results = page.locator("table.poll-results")
    row = results.locator("tbody tr").filter(has_text=f"{day:%d.%m.%Y} 10:00")
    assert "Ehrenamtliche fehlen: Ini Rat" in row.inner_text()
    assert "Der Termin liegt in der Arbeitszeit" in row.inner_text()
    evening_row = results.locator("tbody tr").filter(has_text=f"{day:%d.%m.%Y} 18:00")
    assert "Ehrenamtliche fehlen" not in evening_row.inner_text()
    check(page)

    # 4. The poll is edited: a clearer title, and the weekend date goes — with its answers.
    page.get_by_role("link", name="Umfrage bearbeiten").click()
    check(page)
    page.get_by_label("Wofür sucht ihr einen Termin?").fill("Auftakt-Plenum")
    page.get_by_role("button", name="Umfrage speichern").click()
    assert "Die Umfrage ist gespeichert" in status_text(page)
    assert page.locator("h1").inner_text() == "Terminumfrage: Auftakt-Plenum"
    page.get_by_role("link", name="Umfrage bearbeiten").click()
    page.get_by_role("link", name=re.compile(rf"Entfernen .*{saturday:%d\.%m\.%Y}")).click()
    assert "3 Mitglieder haben zu diesem Termin schon geantwortet" in page.content()
    check(page)
    page.get_by_role("button", name="Ja, entfernen").click()
    assert "mit 3 Antworten" in status_text(page)
    assert poll.dates.count() == 2
    assert "Terminvorschlag" in page.locator("#verlauf + ul").inner_text()  # in the history

    # 5. The poll is closed into a meeting: the evening date (no volunteer left out) leads.
    page.goto(poll_url)
    page.get_by_role("link", name="Umfrage abschließen").click()
    check(page)
    assert page.get_by_label(evening).is_checked()  # the best date is preselected
    page.get_by_label("In Präsenz").check()
    page.get_by_role("button", name="Abschließen").click()
    assert "Ein Treffen in Präsenz braucht einen Ort." in page.content()  # kept, explained
    page.get_by_label("Ort").fill("Stadtteilzentrum")
    page.get_by_role("button", name="Abschließen").click()
    page.wait_for_url("**/treffen/*/")
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).hour == 18
    meeting_url = page.url
    check(page)
    page.goto(poll_url)
    assert "lassen sich nicht mehr ändern" in page.content()
    assert page.get_by_role("link", name="Umfrage bearbeiten").count() == 0

    # 6. The agenda: three points, one of them the open conflict.
    page.goto(meeting_url)
    for title in ("Haushalt", "Begrüßung", ""):
        page.get_by_role("link", name="Punkt ergänzen").click()
        if title:
            page.get_by_label("Punkt").fill(title)
        else:
            page.get_by_label("Konflikt").select_option(label="Flächenvergabe")
            page.get_by_label("Kann zu einer Entscheidung führen").check()
        page.get_by_role("button", name="Punkt ergänzen").click()
        page.wait_for_url(f"**/treffen/{meeting.pk}/#tagesordnung")
    assert agenda_titles(page) == ["Haushalt", "Begrüßung", "Konflikt: Flächenvergabe"]
    check(page)

    # 7. Reordered by keyboard: the button names its item; back at the item, Tab reaches it.
    welcome = AgendaItem.objects.get(title="Begrüßung")
    up = page.get_by_role("button", name="„Begrüßung“ nach oben")
    up.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/treffen/{meeting.pk}/#punkt-{welcome.pk}")
    assert agenda_titles(page) == ["Begrüßung", "Haushalt", "Konflikt: Flächenvergabe"]
    assert "„Begrüßung“ steht jetzt an Stelle 1." in status_text(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('li')?.id") == f"punkt-{welcome.pk}"
    assert page.get_by_role("button", name="„Begrüßung“ nach oben").count() == 0  # at the top
    page.get_by_role("button", name="„Konflikt: Flächenvergabe“ nach oben").click()
    assert agenda_titles(page) == ["Begrüßung", "Konflikt: Flächenvergabe", "Haushalt"]
    check(page)

    # 8. Two weeks later, after the meeting, the coordinator drafts the minutes with who
    # attended …
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=F("starts_at") - timedelta(days=14), ends_at=F("ends_at") - timedelta(days=14)
    )
    page.get_by_role("link", name="Protokoll (Entwurf)").click()
    check(page)
    minutes_url = page.url
    # Members are picked by search (the form never lists them all).
    attendees = page.get_by_role("group", name="Anwesend")
    for name in ("Vera Amt (Umweltamt)", "Ini Rat (Ernährungsrat)", "Karl Kollege (Umweltamt)"):
        attendees.get_by_label("Suchen und hinzufügen").fill(name.split()[0])
        attendees.locator(".picker-results").get_by_label(name).check()
    page.locator("#id_text").fill("Vereinbart: Plenum alle sechs Wochen.")
    page.get_by_role("button", name="Protokoll speichern").click()
    assert "Das Protokoll ist gespeichert" in status_text(page)

    # … another attendee amends them …
    context, other = second_page(browser, live_server)
    log_in_by_cookie(other, live_server, volunteer)
    other.goto(minutes_url)
    text = other.locator("#id_text")
    text.fill(text.input_value() + "\nErgänzt: Die Flächenvergabe klärt eine Arbeitsgruppe.")
    other.get_by_role("button", name="Protokoll speichern").click()
    assert "Das Protokoll ist gespeichert" in status_text(other)
    other.locator("#id_text").fill("Doch ganz anders.")  # still typing when it is approved

    # … and they are approved: final, a late edit is refused and kept for its writer.
    page.reload()
    assert "Arbeitsgruppe" in page.locator(".minutes-text").inner_text()
    page.get_by_role("button", name="Protokoll genehmigen").click()
    assert "endgültig" in status_text(page)
    assert page.locator("textarea").count() == 0
    check(page)
    other.get_by_role("button", name="Protokoll speichern").click()
    assert "inzwischen genehmigt und damit endgültig" in status_text(other)
    assert "Doch ganz anders." in other.locator("#nicht-gespeichert + div").inner_text()
    context.close()
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == Minutes.Status.APPROVED and "Arbeitsgruppe" in minutes.text

    # The agenda is part of the record now.
    page.goto(meeting_url)
    assert "bleiben, wie sie sind" in page.content()
    assert page.get_by_text("Bearbeiten", exact=True).count() == 0  # a record: no edit form
    assert page.get_by_role("button", name="„Haushalt“ nach oben").count() == 0

    # 9. The meeting goes into the calendar.
    with page.expect_download() as download:
        page.get_by_role("link", name="In den Kalender (.ics)").click()
    ics = Path(download.value.path()).read_text()
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Auftakt-Plenum" in ics
    assert download.value.suggested_filename == f"treffen-{meeting.pk}.ics"

    # 10. The poll can go; the meeting made from it stays, and the page says so.
    page.goto(poll_url)
    page.get_by_role("link", name="Diese Umfrage löschen …").click()
    assert "Es bleibt bestehen" in page.content()
    check(page)
    page.get_by_role("button", name="Ja, löschen").click()
    assert "ist gelöscht" in status_text(page)
    assert not SchedulePoll.objects.exists()
    assert Meeting.objects.filter(pk=meeting.pk, poll=None).exists()
