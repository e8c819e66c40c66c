"""The Werkstatt in a real browser: invite and accept, draft goals on both sides, merge them into
joint goals, bad input — and axe-core plus a 360 pixel wide screen on every Werkstatt page."""

import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client

from accounts.models import User
from demo.build import SLUG, create_demo
from goals import services as goal_services
from goals.models import Goal, Milestone
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.factories import PASSWORD, add_member, make_coproduction, make_user
from tests.tasks import run_due_tasks
from workspaces import services as workspace_services
from workspaces.models import Coproduction, Invitation, Partner
from workspaces.visibility import Side

pytestmark = pytest.mark.browser

INVITATION_LINK = re.compile(r"https?://\S+(/werkstatt/einladung/[^\s/]+/)")


# Helpers -----------------------------------------------------------------------------------


def verified_user(email: str, name: str = ""):
    """An account that may log in: allauth insists on a confirmed address."""
    user = make_user(email, display_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(page, email: str, password: str = PASSWORD) -> None:
    """Through the real login form, as a person would."""
    page.goto("/konto/login/")
    form = page.locator("main form")
    form.get_by_label("E-Mail-Adresse").fill(email)
    form.get_by_label("Passwort", exact=True).fill(password)
    form.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/werkstatt/")


def log_in_by_cookie(page, live_server, user) -> None:
    """A session made on the server side, for the many page checks.

    The login form is tested above; going through it for every page would also run into
    allauth's rate limit (30 logins a minute from one address), which the database cache
    keeps across tests.
    """
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
                "httpOnly": True,
                # Like the real cookie; Chromium sends secure cookies to http://localhost.
                "secure": settings.SESSION_COOKIE_SECURE,
                "sameSite": "Lax",
            }
        ]
    )


def second_page(browser, live_server):
    """A second person at a second computer: a context with its own cookies."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    return context, context.new_page()


def workspace_nav(page):
    return page.get_by_role("navigation", name="Bereiche der Werkstatt")


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def status_text(page) -> str:
    return page.get_by_role("status").inner_text()


def section(page, heading_id: str):
    return page.locator(f"section[aria-labelledby='{heading_id}']")


def civil_and_administration():
    """A co-production opened by the food council, with a member of the environment office."""
    civil = verified_user("rat@ernaehrung.example", "Rita Rat")
    coproduction = make_coproduction(
        civil, name="Essen für alle", side=Side.CIVIL_SOCIETY, partner_name="Ernährungsrat"
    )
    administration = verified_user("amt@stadt.example", "Arne Amt")
    add_member(coproduction, administration, side=Side.ADMINISTRATION)
    return coproduction, civil, administration


# 1. Invite and accept ----------------------------------------------------------------------


def test_a_coordinator_opens_a_coproduction_and_invites_the_administration_which_accepts(
    page, browser, live_server, mailoutbox, transactional_db
):
    verified_user("rat@ernaehrung.example", "Rita Rat")
    verified_user("amt@stadt.example", "Arne Amt")

    log_in(page, "rat@ernaehrung.example")
    page.locator("main").get_by_role("link", name="Neue Ko-Produktion anlegen").click()
    page.wait_for_url("**/werkstatt/neu/")

    page.get_by_label("Name:", exact=True).fill("Essen für alle")
    page.get_by_label("Kurzbeschreibung").fill("Eine Ernährungsstrategie für unsere Stadt.")
    page.get_by_label("Ko-Produktion (dauerhafte Institution)").check()
    page.get_by_label("Feld der Daseinsvorsorge").select_option(label="Ernährung")
    page.get_by_label("Politische Ebene").select_option(label="Kommune / Bezirk")
    page.get_by_label("Beginn").fill("2026-03-01")
    page.get_by_label("Name der Organisation").fill("Ernährungsrat")
    page.get_by_role("group", name="Seite").get_by_label("Zivilgesellschaft").check()
    page.get_by_label("Organisationsform").select_option(label="Eingetragener Verein")
    page.get_by_label("Wie entscheidet ihr intern?").select_option(label="Konsens")
    page.get_by_role("button", name="Anlegen").click()

    page.wait_for_url(lambda url: not url.endswith("/werkstatt/neu/"))
    assert "Die Ko-Produktion ist angelegt" in status_text(page)
    slug = Coproduction.objects.get(name="Essen für alle").slug
    # The next step is offered right away (tests/browser/test_public_browser.py takes it).
    assert page.url.endswith(f"/werkstatt/{slug}/partner/erste-schritte/")

    workspace_nav(page).get_by_role("link", name="Partner:innen").click()
    page.locator("main").get_by_role("link", name="Partner:in hinzufügen").click()
    page.wait_for_url(f"**/werkstatt/{slug}/partner/neu/")
    page.get_by_label("Name der Organisation").fill("Umweltamt")
    page.get_by_label("Verwaltung/Politik").check()
    page.get_by_label("Organisationsform").select_option(label="Fachbereich / Amt")
    page.get_by_label("Wie entscheidet ihr intern?").select_option(label="Hierarchie / Dienstweg")
    page.get_by_label("Rücksprachefrist in Tagen").fill("21")
    page.get_by_role("button", name="Hinzufügen").click()
    page.wait_for_url(re.compile(rf"/werkstatt/{slug}/partner/\d+/$"))
    assert "Umweltamt ist jetzt Partner:in." in status_text(page)

    workspace_nav(page).get_by_role("link", name="Mitglieder").click()
    page.locator("main").get_by_role("link", name="Jemanden einladen").click()
    page.wait_for_url(f"**/werkstatt/{slug}/mitglieder/einladen/")
    # This form by keyboard alone: type, Tab, pick by typing, arrows in the radio group.
    page.get_by_label("E-Mail-Adresse").focus()
    page.keyboard.type("amt@stadt.example")
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_partner"
    page.keyboard.type("Umw")
    assert page.get_by_label("Für welche Partner:in?").input_value() == str(
        Partner.objects.get(name="Umweltamt").pk
    )
    page.keyboard.press("Tab")
    assert focused_id(page).startswith("id_access_")
    for _ in range(3):  # "---------", Koordination, Mitglied
        if page.get_by_label("Mitglied", exact=True).is_checked():
            break
        page.keyboard.press("ArrowDown")
    assert page.get_by_label("Mitglied", exact=True).is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Einladung senden"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/werkstatt/{slug}/mitglieder/")
    assert "Die Einladung an amt@stadt.example geht gleich per E-Mail hinaus." in status_text(page)
    assert "amt@stadt.example" in page.locator("main").inner_text()

    run_due_tasks()  # the worker sends it
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["amt@stadt.example"]
    assert "Essen für alle" in mail.subject
    link = INVITATION_LINK.search(mail.body)
    assert link, mail.body

    other_context, other = second_page(browser, live_server)
    try:
        log_in(other, "amt@stadt.example")
        other.goto(link.group(1))
        assert other.locator("h1").inner_text() == "Einladung: Essen für alle"
        assert "Umweltamt" in other.locator("main").inner_text()
        other.get_by_role("button", name="Einladung annehmen").click()

        other.wait_for_url(f"**/werkstatt/{slug}/ankommen/")
        assert "Willkommen in „Essen für alle“!" in status_text(other)
        assert (
            "Mitglied für Umweltamt (Verwaltung/Politik)"
            in other.locator(".ws-header").inner_text()
        )

        workspace_nav(other).get_by_role("link", name="Mitglieder").click()
        other.wait_for_url(f"**/werkstatt/{slug}/mitglieder/")
        row = other.get_by_role("row").filter(has_text="Arne Amt")
        assert "Umweltamt (Verwaltung/Politik)" in row.inner_text()
        assert "Mitglied" in row.inner_text()
    finally:
        other_context.close()

    page.reload()
    assert page.get_by_role("row").filter(has_text="Arne Amt").count() == 1
    assert "Offene Einladungen" not in page.locator("main").inner_text()


# 2. Draft goals on both sides ------------------------------------------------------------


def draft_goal(page, slug: str, *, title: str, concrete_until: str = "") -> None:
    page.goto(f"/werkstatt/{slug}/ziele/")
    page.locator("main").get_by_role("link", name="Ziel eurer Seite entwerfen").click()
    page.wait_for_url(f"**/werkstatt/{slug}/ziele/neu/")
    if concrete_until:
        page.get_by_label("Konkret (was bis wann)").check()
        page.get_by_label("Bis wann?").fill(concrete_until)
    else:
        page.get_by_label("Abstrakt (warum)").check()
    page.get_by_label("Ziel:", exact=True).fill(title)
    assert page.get_by_label("Nur unsere Seite").is_checked(), "a new draft starts side-only"
    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_url(re.compile(rf"/werkstatt/{slug}/ziele/\d+/$"))
    assert f"Das Ziel „{title}“ ist gespeichert." in status_text(page)


def test_both_sides_draft_goals_that_the_other_side_sees_only_once_they_are_shared(
    page, browser, live_server, transactional_db
):
    coproduction, _civil, _administration = civil_and_administration()
    slug = coproduction.slug
    civil_title = "Gesundes Essen in jeder Kita"
    admin_title = "Ratsbeschluss zur Ernährungsstrategie"

    log_in(page, "rat@ernaehrung.example")
    draft_goal(page, slug, title=civil_title)
    assert page.locator("main .badge").first.inner_text() == "🔒 Nur Zivilgesellschaft"
    draft_url = page.url

    other_context, other = second_page(browser, live_server)
    try:
        log_in(other, "amt@stadt.example")
        other.goto(f"/werkstatt/{slug}/ziele/")
        assert civil_title not in other.locator("main").inner_text()
        assert other.goto(draft_url).status == 404

        page.goto(f"/werkstatt/{slug}/ziele/")
        own = section(page, "eigene-ziele")
        draft = own.get_by_role("listitem").filter(has_text=civil_title)
        assert "🔒 Nur Zivilgesellschaft" in draft.inner_text()
        # The hidden part of the name tells screen readers which draft the button shares.
        draft.get_by_role("button", name=re.compile(rf"^Teilen\W+{civil_title}$")).click()
        # Sharing asks once, naming the draft and who will then see it (works without JS).
        page.wait_for_url(re.compile(rf"/werkstatt/{slug}/ziele/teilen/\?ziel=\d+$"))
        question = page.locator("main").inner_text()
        assert "Diesen Entwurf teilen?" in question and civil_title in question
        assert "Danach sieht ihn: alle 2 Mitglieder der Ko-Produktion" in question
        assert "Umweltamt" in question
        assert_no_axe_violations(page)
        page.set_viewport_size(SMALL_SCREEN)
        assert_fits_small_screen(page)
        page.get_by_role("button", name="Ja, Entwurf teilen").click()
        page.wait_for_url(f"**/werkstatt/{slug}/ziele/#eigene-ziele")
        assert f"„{civil_title}“ sehen jetzt alle Mitglieder." in status_text(page)
        shared = section(page, "eigene-ziele").get_by_role("listitem").filter(has_text=civil_title)
        assert "Alle Mitglieder" in shared.inner_text()
        assert "🔒" not in shared.inner_text()

        other.goto(f"/werkstatt/{slug}/ziele/")
        others = section(other, "geteilte-ziele")
        assert others.get_by_role("heading", name="Zivilgesellschaft").is_visible()
        assert others.get_by_role("link", name=civil_title).is_visible()

        draft_goal(other, slug, title=admin_title, concrete_until="2027-12-31")
        assert other.locator("main .badge").first.inner_text() == "🔒 Nur Verwaltung/Politik"
        page.goto(f"/werkstatt/{slug}/ziele/")
        assert admin_title not in page.locator("main").inner_text()

        other.goto(f"/werkstatt/{slug}/ziele/")
        other.get_by_role("button", name="Entwurf teilen …").click()
        assert admin_title in other.locator("main").inner_text()
        other.get_by_role("button", name="Ja, Entwurf teilen").click()
        assert "sehen jetzt alle Mitglieder" in status_text(other)

        page.reload()
        theirs = section(page, "geteilte-ziele")
        assert theirs.get_by_role("heading", name="Verwaltung/Politik").is_visible()
        goal = theirs.get_by_role("listitem").filter(has_text=admin_title)
        assert "bis 31.12.2027" in goal.inner_text()
    finally:
        other_context.close()


# 3. Merge into joint goals -----------------------------------------------------------------


def test_a_joint_goal_answers_both_shared_side_goals_and_the_overlap_shows_them_covered(
    page, transactional_db
):
    coproduction, civil, administration = civil_and_administration()
    slug = coproduction.slug
    side_goals = {}
    for actor, side, title in [
        (civil, Side.CIVIL_SOCIETY, "Gesundes Essen in jeder Kita"),
        (administration, Side.ADMINISTRATION, "Ratsbeschluss zur Ernährungsstrategie"),
    ]:
        goal = goal_services.goal_create(
            actor=actor,
            coproduction=coproduction,
            kind=Goal.Kind.SIDE,
            owner_side=side,
            level=Goal.Level.ABSTRACT,
            title=title,
        )
        goal_services.goals_share(
            actor=actor, coproduction=coproduction, side=side, goal_ids=[goal.pk]
        )
        side_goals[side] = title
    joint_title = "Eine Ernährungsstrategie, die Kitas ausdrücklich einbezieht"

    log_in(page, "amt@stadt.example")
    page.goto(f"/werkstatt/{slug}/ziele/ueberschneidung/")
    assert page.get_by_role("heading", name="Aufgegriffen von gemeinsamen Zielen").count() == 0

    page.goto(f"/werkstatt/{slug}/ziele/")
    page.locator("main").get_by_role("link", name="Gemeinsames Ziel formulieren").click()
    page.wait_for_url(f"**/werkstatt/{slug}/ziele/gemeinsam/neu/")
    page.get_by_label("Abstrakt (warum)").check()
    page.get_by_label("Ziel:", exact=True).fill(joint_title)
    answers = page.get_by_role("group", name="Welche geteilten Ziele der Seiten beantwortet es?")
    assert answers.get_by_role("checkbox").count() == 0  # the picker lists only the chosen
    answers.get_by_label("Suchen und hinzufügen").fill("Kita")
    answers.get_by_label(f"{side_goals[Side.CIVIL_SOCIETY]} (Zivilgesellschaft)").check()
    answers.get_by_label("Suchen und hinzufügen").fill("Ratsbeschluss")
    answers.get_by_label(f"{side_goals[Side.ADMINISTRATION]} (Verwaltung/Politik)").check()
    steward = page.get_by_role("group", name="Wer behält das Ziel im Blick?")
    steward.get_by_label("Suchen und auswählen").fill("Rita")
    steward.get_by_label("Rita Rat (Ernährungsrat)").check()
    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_url(re.compile(rf"/werkstatt/{slug}/ziele/\d+/$"))
    assert f"Das Ziel „{joint_title}“ ist gespeichert." in status_text(page)

    page.goto(f"/werkstatt/{slug}/ziele/")
    joint = section(page, "gemeinsame-ziele")
    assert joint.get_by_role("link", name=joint_title).is_visible()

    page.get_by_role(
        "link", name="Überschneidungen: Was greifen die gemeinsamen Ziele auf?"
    ).click()
    page.wait_for_url(f"**/werkstatt/{slug}/ziele/ueberschneidung/")
    assert page.get_by_role("heading", name="Noch von keinem gemeinsamen Ziel").count() == 0
    for side_label, title in [
        ("Zivilgesellschaft", side_goals[Side.CIVIL_SOCIETY]),
        ("Verwaltung/Politik", side_goals[Side.ADMINISTRATION]),
    ]:
        part = page.locator("section.overlap-side").filter(
            has=page.get_by_role("heading", name=side_label, exact=True)
        )
        assert part.get_by_role("heading", name="Aufgegriffen von gemeinsamen Zielen").is_visible()
        covered = part.locator("li.covered").filter(has_text=title)
        assert covered.count() == 1
        assert covered.get_by_role("link", name=joint_title).is_visible()
        row = page.get_by_role("row").filter(has_text=side_label)
        assert row.get_by_role("cell").all_inner_texts() == ["1", "1", "0"]


# 4. Bad input --------------------------------------------------------------------------------


DATE_NEEDED = "Ein konkretes Ziel braucht ein Datum: Bis wann wollt ihr es erreichen?"


def error_of(page, field_id: str) -> str:
    """The message next to a field, and the field points to it for screen readers."""
    error = page.locator(f"#{field_id}_error")
    assert error.is_visible(), f"no error next to #{field_id}"
    field = page.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") == "true"
    assert f"{field_id}_error" in (field.get_attribute("aria-describedby") or "")
    return error.inner_text()


def test_a_coproduction_without_a_name_gets_a_german_message_and_keeps_what_was_typed(
    page, transactional_db
):
    verified_user("rat@ernaehrung.example")
    log_in(page, "rat@ernaehrung.example")
    page.goto("/werkstatt/neu/")
    page.get_by_label("Kurzbeschreibung").fill("Eine Ernährungsstrategie für unsere Stadt.")
    page.get_by_label("Ko-Produktion (dauerhafte Institution)").check()
    page.get_by_label("Feld der Daseinsvorsorge").select_option(label="Ernährung")
    page.get_by_label("Politische Ebene").select_option(label="Quartier")
    page.get_by_label("Beginn").fill("2026-03-01")
    page.get_by_label("Name der Organisation").fill("Ernährungsrat")
    page.get_by_role("group", name="Seite").get_by_label("Zivilgesellschaft").check()
    page.get_by_label("Organisationsform").select_option(label="Initiative")
    page.get_by_label("Wie entscheidet ihr intern?").select_option(label="Plenum mit Abstimmung")
    page.get_by_role("button", name="Anlegen").click()

    page.wait_for_load_state()
    assert page.url.endswith("/werkstatt/neu/")
    assert error_of(page, "id_name") == "Dieses Feld ist zwingend erforderlich."
    assert page.get_by_label("Kurzbeschreibung").input_value() == (
        "Eine Ernährungsstrategie für unsere Stadt."
    )
    assert page.get_by_label("Ko-Produktion (dauerhafte Institution)").is_checked()
    assert page.get_by_label("Feld der Daseinsvorsorge").input_value() == "food"
    assert page.get_by_label("Politische Ebene").input_value() == "neighbourhood"
    assert page.get_by_label("Beginn").input_value() == "2026-03-01"
    assert page.get_by_label("Name der Organisation").input_value() == "Ernährungsrat"
    assert page.get_by_label("Organisationsform").input_value() == "initiative"
    assert not Coproduction.objects.exists()
    assert not Partner.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_label("Name:", exact=True).fill("Essen für alle")
    page.get_by_role("button", name="Anlegen").click()
    page.wait_for_url(lambda url: not url.endswith("/werkstatt/neu/"))
    assert "Die Ko-Produktion ist angelegt" in status_text(page)


def test_a_goal_without_title_or_date_gets_german_messages_and_keeps_what_was_typed(
    page, transactional_db
):
    coproduction, _civil, _administration = civil_and_administration()
    slug = coproduction.slug
    log_in(page, "rat@ernaehrung.example")
    page.goto(f"/werkstatt/{slug}/ziele/neu/")
    page.get_by_label("Konkret (was bis wann)").check()
    page.get_by_label("Beschreibung").fill("Mit den Eltern zusammen.")
    page.get_by_label("Soziale Teilhabe").check()
    page.get_by_role("button", name="Ziel speichern").click()

    # The server answers, next to each field – not a bubble of the browser.
    page.wait_for_load_state()
    assert page.url.endswith(f"/werkstatt/{slug}/ziele/neu/")
    assert error_of(page, "id_title") == "Dieses Feld ist zwingend erforderlich."
    assert error_of(page, "id_due_date") == DATE_NEEDED
    assert page.get_by_label("Konkret (was bis wann)").is_checked()
    assert page.get_by_label("Beschreibung").input_value() == "Mit den Eltern zusammen."
    assert page.get_by_label("Soziale Teilhabe").is_checked()
    assert page.get_by_label("Nur unsere Seite").is_checked()
    assert_no_axe_violations(page)

    page.get_by_label("Ziel:", exact=True).fill("Zehn Schulgärten anlegen")
    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_load_state()
    assert page.locator("#id_title_error").count() == 0
    assert error_of(page, "id_due_date") == DATE_NEEDED
    assert page.get_by_label("Ziel:", exact=True).input_value() == "Zehn Schulgärten anlegen"
    assert page.get_by_label("Soziale Teilhabe").is_checked()
    assert not Goal.objects.exists()

    page.get_by_label("Bis wann?").fill("2027-09-01")
    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_url(re.compile(rf"/werkstatt/{slug}/ziele/\d+/$"))
    goal = Goal.objects.get()
    assert (goal.title, goal.due_date) == ("Zehn Schulgärten anlegen", date(2027, 9, 1))
    assert goal.description == "Mit den Eltern zusammen."


# 5. Every Werkstatt page: axe-core and a small screen ---------------------------------------

DEMO_PASSWORD = "Demo-Passwort-fuer-Browser-42"
INVITEE = "neu@demo.example"


def _partner(name: str) -> str:
    return f"/werkstatt/{SLUG}/partner/{Partner.objects.get(name=name).pk}/"


def _milestone(title: str) -> str:
    return f"/werkstatt/{SLUG}/meilensteine/{Milestone.objects.get(title=title).pk}/"


def _invitation() -> str:
    return f"/werkstatt/einladung/{Invitation.objects.get(email=INVITEE).token}/"


# (id, path or a function that finds it in the demo data)
WERKSTATT_PAGES = [
    ("home", "/werkstatt/"),
    ("create", "/werkstatt/neu/"),
    ("dashboard", f"/werkstatt/{SLUG}/"),
    ("partners", f"/werkstatt/{SLUG}/partner/"),
    ("partner", lambda: _partner("Umweltamt Musterstadt")),
    ("members", f"/werkstatt/{SLUG}/mitglieder/"),
    ("invite", f"/werkstatt/{SLUG}/mitglieder/einladen/"),
    ("invitation", _invitation),
    ("goals", f"/werkstatt/{SLUG}/ziele/"),
    ("goal-form", f"/werkstatt/{SLUG}/ziele/neu/"),
    ("joint-goal-form", f"/werkstatt/{SLUG}/ziele/gemeinsam/neu/"),
    ("overlap", f"/werkstatt/{SLUG}/ziele/ueberschneidung/"),
    ("strategy", f"/werkstatt/{SLUG}/strategie/"),
    ("milestones", f"/werkstatt/{SLUG}/meilensteine/"),
    ("milestone", lambda: _milestone("Bestandsaufnahme Ernährungsangebote")),
]
WERKSTATT_PARAMS = [pytest.param(target, id=name) for name, target in WERKSTATT_PAGES]


@pytest.fixture
def demo_page(page, live_server, transactional_db):
    """The demo co-production, with an open invitation, seen by initiative@demo.example."""
    coproduction = create_demo(DEMO_PASSWORD)
    workspace_services.invitation_create(
        actor=User.objects.get(email="verwaltung@demo.example"),  # the office's coordination
        coproduction=coproduction,
        partner=Partner.objects.get(name="Umweltamt Musterstadt"),
        email=INVITEE,
        access="member",
    )
    log_in_by_cookie(page, live_server, User.objects.get(email="initiative@demo.example"))
    return page


def open_werkstatt_page(page, target) -> None:
    path = target() if callable(target) else target
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response.status}"
    # Not sent to the login form: the page itself, for a member.
    assert urlsplit(page.url).path == path, page.url


@pytest.mark.parametrize("target", WERKSTATT_PARAMS)
def test_axe_finds_no_wcag_21_aa_violations_in_the_werkstatt(demo_page, target):
    open_werkstatt_page(demo_page, target)
    assert_no_axe_violations(demo_page)


@pytest.mark.parametrize("target", WERKSTATT_PARAMS)
def test_a_werkstatt_page_needs_no_horizontal_scrolling_on_a_360_pixel_screen(demo_page, target):
    demo_page.set_viewport_size(SMALL_SCREEN)
    open_werkstatt_page(demo_page, target)
    width = demo_page.evaluate("document.documentElement.scrollWidth")
    if width > SMALL_SCREEN["width"]:
        culprits = demo_page.evaluate(
            """limit => [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > limit)
                .slice(0, 10)
                .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))""",
            SMALL_SCREEN["width"],
        )
        pytest.fail(f"{demo_page.url} is {width}px wide at 360px; too wide: {culprits}")
    assert_fits_small_screen(demo_page)
