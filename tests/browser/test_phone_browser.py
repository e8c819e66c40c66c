"""Phones and paper (issue 9 §3, §4): at 360 pixels the Werkstatt's sections fold into
one control that works without JavaScript, each page's primary action lies within the first
two screens, the poll's answers need no sideways scrolling — and a printed page is its
content: no navigation, no form, no history."""

import docx
import pytest
from django.utils import timezone

from accounts.models import User
from decisions.models import Decision
from demo.build import SLUG, create_demo
from meetings.models import Meeting, SchedulePoll
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie, workspace_nav

pytestmark = pytest.mark.browser

TWO_SCREENS = 2 * SMALL_SCREEN["height"]


def top_of(locator) -> float:
    """Distance in pixels from the top of the page (not of the viewport) to the element."""
    return locator.evaluate("el => el.getBoundingClientRect().top + window.scrollY")


@pytest.fixture
def demo(transactional_db):
    create_demo("demo-passwort-1")
    return User.objects.get(email="initiative@demo.example")


def phone(browser, live_server, user, *, javascript: bool):
    context = browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        viewport=SMALL_SCREEN,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    log_in_by_cookie(page, live_server, user)
    return context, page


def test_on_a_phone_the_sections_fold_into_one_control_that_works_without_javascript(
    browser, live_server, demo
):
    context, page = phone(browser, live_server, demo, javascript=False)
    page.goto(f"/werkstatt/{SLUG}/")
    nav = workspace_nav(page)
    fold = nav.locator("summary", has_text="Bereiche der Werkstatt")
    assert fold.is_visible()
    assert nav.get_by_role("link", name="Treffen").count() == 0  # folded: none on screen
    assert top_of(page.locator("h1")) < SMALL_SCREEN["height"] / 2  # content starts early

    fold.click()
    treffen = nav.get_by_role("link", name="Treffen")
    assert treffen.is_visible() and nav.get_by_role("link").count() == 19  # all, coordinator
    treffen.click()
    page.wait_for_url(f"**/werkstatt/{SLUG}/treffen/")
    assert workspace_nav(page).locator("summary").is_visible()
    context.close()

    # With JavaScript (axe needs it): no violation, folded or open, and nothing too wide.
    context, page = phone(browser, live_server, demo, javascript=True)
    page.goto(f"/werkstatt/{SLUG}/")
    assert_no_axe_violations(page)
    workspace_nav(page).locator("summary").click()
    assert_no_axe_violations(page)
    assert_fits_small_screen(page)
    # Keyboard: the control is reached by Tab and opens with Enter.
    page.reload()
    workspace_nav(page).locator("summary").focus()
    page.keyboard.press("Enter")
    assert workspace_nav(page).get_by_role("link", name="Ziele").is_visible()

    # A wide screen shows all sections as a row and no folded control.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    nav = workspace_nav(page)
    assert not nav.locator("summary").is_visible()
    assert nav.get_by_role("link").count() == 19
    assert_no_axe_violations(page)
    context.close()


def test_on_a_phone_each_pages_primary_action_is_within_the_first_two_screens(
    browser, live_server, demo
):
    context, page = phone(browser, live_server, demo, javascript=True)
    base = f"/werkstatt/{SLUG}/"
    voting = Decision.objects.filter(status=Decision.Status.VOTING).order_by("pk").first()
    poll = SchedulePoll.objects.filter(closed=False).get()
    meeting = Meeting.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    goal = demo.memberships.get().coproduction.goals.filter(kind="joint").order_by("pk").first()
    pages = [
        (f"{base}entscheidungen/{voting.pk}/", "button", "Abstimmen"),
        (f"{base}treffen/umfragen/{poll.pk}/", "button", "Antworten speichern"),
        (f"{base}treffen/{meeting.pk}/", "link", "In den Kalender (.ics)"),
        (f"{base}ziele/{goal.pk}/", "summary", "Bearbeiten"),
        (f"{base}ziele/neu/", "button", "Ziel speichern"),
    ]
    for path, role, name in pages:
        page.goto(path)
        action = (
            page.locator("main summary", has_text=name)
            if role == "summary"
            else page.locator("main").get_by_role(role, name=name, exact=True)
        )
        position = top_of(action)
        print(f"{path}: „{name}“ at {position:.0f}px (limit {TWO_SCREENS}px)")
        assert position < TWO_SCREENS, f"{path}: „{name}“ at {position:.0f}px"
        assert_fits_small_screen(page)
        assert_no_axe_violations(page)

    # The poll's answers read without sideways scrolling: one block per date.
    page.goto(f"{base}treffen/umfragen/{poll.pk}/")
    region = page.locator("div.table-scroll:has(table.poll-results)")
    widths = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] <= widths[1], f"the answers scroll sideways: {widths}"
    best = page.locator("table.poll-results tr.best")
    assert "bester Termin" in best.inner_text()
    label = best.locator("td").first.evaluate('el => getComputedStyle(el, "::before").content')
    assert label == '"Ja: "'  # each answer names its column on a phone
    context.close()


def test_a_printed_werkstatt_page_is_its_content_without_navigation_forms_or_history(
    browser, live_server, demo
):
    context, page = phone(browser, live_server, demo, javascript=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    goal = demo.memberships.get().coproduction.goals.filter(kind="joint").order_by("pk").first()
    page.goto(f"/werkstatt/{SLUG}/ziele/{goal.pk}/")
    assert page.locator("#verlauf").is_visible() and workspace_nav(page).is_visible()

    page.emulate_media(media="print")
    assert page.locator("h1").is_visible() and goal.title in page.locator("h1").inner_text()
    for hidden in (".site-header", ".ws-nav", ".edit-section", "#verlauf", "main form"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")

    # The meeting with approved minutes: printed without buttons, and filed as Word files.
    page.emulate_media(media="screen")
    meeting = Meeting.objects.filter(minutes__status="approved").get()
    page.goto(f"/werkstatt/{SLUG}/treffen/{meeting.pk}/")
    for name, marker in [
        ("Tagesordnung als Word-Datei (.docx)", f"Tagesordnung: {meeting.title}"),
        ("Protokoll als Word-Datei (.docx)", "Genehmigtes Protokoll – genehmigt am"),
    ]:
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        document = docx.Document(download.value.path())
        assert any(marker in p.text for p in document.paragraphs), name
    page.emulate_media(media="print")
    assert page.locator("ol.agenda").is_visible()
    assert page.locator("main button:visible, main form:visible").count() == 0
    assert_no_axe_violations(page)
    context.close()


def test_a_past_meeting_is_recorded_after_a_confirmation_and_edited_only_on_request(
    browser, live_server, demo
):
    context, page = phone(browser, live_server, demo, javascript=True)
    page.goto(f"/werkstatt/{SLUG}/treffen/neu/")
    page.get_by_label("Titel").fill("Nachtrag: Auftakt")
    page.get_by_label("Beginn").fill("2020-06-04T18:00")
    page.get_by_label("Ende").fill("2020-06-04T20:00")
    page.get_by_role("radio", name="Online").check()
    page.get_by_label("Link zum Online-Treffen").fill("https://treffen.example/auftakt")
    page.get_by_role("button", name="Treffen anlegen").click()

    # Asked, with the input kept, next to the date.
    assert "Tragt ihr ein Treffen nach" in page.locator("main").inner_text()
    assert page.get_by_label("Titel").input_value() == "Nachtrag: Auftakt"
    assert_no_axe_violations(page)
    page.get_by_label("Ja, das Treffen hat schon stattgefunden").check()
    page.get_by_role("button", name="Treffen anlegen").click()
    page.wait_for_url("**/treffen/*/")
    assert "04.06.2020" in page.locator("main time").first.inner_text()

    # The page shows the meeting; the form opens on request.
    title = page.get_by_label("Titel")
    assert not title.is_visible()
    page.locator("main summary", has_text="Bearbeiten").click()
    assert title.is_visible()
    assert_no_axe_violations(page)
    assert_fits_small_screen(page)
    context.close()
