"""Decisions in a real browser: decide by systemic consensing with three people at three
computers, supersede a decision, bad input — and axe-core plus a 360 pixel wide screen on every
decision page."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from accounts.models import User
from decisions import selectors, services, voting
from decisions.models import Decision
from demo.build import SLUG, create_demo
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import (
    DEMO_PASSWORD,
    error_of,
    log_in,
    log_in_by_cookie,
    second_page,
    status_text,
    verified_user,
)
from tests.factories import add_member, make_coproduction, partner_on
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.browser

QUESTION = "Wo findet der erste Ernährungsgipfel statt?"
OPTIONS = ["Im Rathaus", "In der Markthalle"]
PASSIVE = services.PASSIVE_LABEL
SHORTER_THAN_CONSULTATION = "Die Abstimmung ist kürzer als die Rücksprachefrist"


# Helpers -----------------------------------------------------------------------------------


def three_members():
    """The environment office coordinates; the food council (14 days Rücksprache) and one more
    person from the office are members."""
    coordinator = verified_user("amt@stadt.example", "Arne Amt")
    coproduction = make_coproduction(coordinator, name="Essen für alle")
    council = partner_on(coproduction, Side.CIVIL_SOCIETY, name="Ernährungsrat")
    council.consultation_days = 14
    council.save(update_fields=["consultation_days"])
    add_member(coproduction, verified_user("rat@ernaehrung.example", "Rita Rat"), partner=council)
    add_member(
        coproduction,
        verified_user("kollegin@stadt.example", "Karla Kollegin"),
        side=Side.ADMINISTRATION,
    )
    return coproduction


def decisions_url(coproduction, suffix: str = "") -> str:
    return f"/werkstatt/{coproduction.slug}/entscheidungen/{suffix}"


def decision_url(decision, suffix: str = "") -> str:
    return decisions_url(decision.coproduction, f"{decision.pk}/{suffix}")


def resistance_field(page, label: str):
    return page.locator("form").filter(has_text="Widerstandspunkte").get_by_label(label)


def give_resistance(page, points: list[int]) -> None:
    """Like a person: into the first field, type, Tab to the next, type — then Enter."""
    ballot = page.locator("form").filter(has_text="Widerstandspunkte")
    ballot.get_by_label(OPTIONS[0]).focus()
    for index, value in enumerate(points):
        if index:
            page.keyboard.press("Tab")
        page.keyboard.type(str(value))
    assert ballot.get_by_label(PASSIVE).input_value() == str(points[-1])
    page.keyboard.press("Tab")  # the reason
    page.keyboard.type("Nahe am Markt, gut erreichbar.")
    ballot.get_by_role("button", name="Abstimmen").click()
    page.wait_for_url(re.compile(r"/entscheidungen/\d+/(#abstimmen)?$"))
    assert "Eure Stimme ist gezählt" in status_text(page)


def assert_no_horizontal_scrolling(page) -> None:
    """At the current (small) size, naming the elements that stick out."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > SMALL_SCREEN["width"]:
        culprits = page.evaluate(
            """limit => [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > limit)
                .slice(0, 10)
                .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))""",
            SMALL_SCREEN["width"],
        )
        pytest.fail(f"{page.url} is {width}px wide at 360px; too wide: {culprits}")
    assert_fits_small_screen(page)


def check(page) -> None:
    """axe-core, then no horizontal scrolling on a 360 pixel wide screen."""
    assert_no_axe_violations(page)
    size = page.viewport_size
    page.set_viewport_size(SMALL_SCREEN)
    assert_no_horizontal_scrolling(page)
    page.set_viewport_size(size)


def local_input(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%dT%H:%M}"


# 1. Systemic consensing -----------------------------------------------------------------------


def test_three_members_decide_by_systemic_consensing_and_the_least_resisted_option_wins(
    page, browser, live_server, transactional_db
):
    coproduction = three_members()

    log_in(page, "amt@stadt.example")
    page.goto(decisions_url(coproduction))
    page.locator("main").get_by_role("link", name="Entscheidung vorbereiten").click()
    page.wait_for_url(f"**{decisions_url(coproduction, 'neu/')}")
    page.get_by_label("Frage:", exact=True).fill(QUESTION)
    page.get_by_label("Hintergrund").fill("Der Gipfel soll für alle gut erreichbar sein.")
    page.get_by_label(re.compile("Systemisches Konsensieren:")).check()
    page.get_by_label("Optionen (eine pro Zeile)").fill("\n".join(OPTIONS))
    page.get_by_role("button", name="Entscheidung speichern").click()
    page.wait_for_url(re.compile(r"/entscheidungen/\d+/$"))
    assert f"Die Entscheidung „{QUESTION}“ ist vorbereitet." in status_text(page)
    decision = Decision.objects.get(question=QUESTION)
    options = page.locator("main ol").first.get_by_role("listitem")
    assert options.all_inner_texts() == [*OPTIONS, f"{PASSIVE} (Passivlösung)"]

    # Three days are shorter than the food council's 14 days of Rücksprache.
    page.locator("main").get_by_role("link", name="Abstimmung eröffnen").click()
    page.wait_for_url(f"**{decision_url(decision, 'abstimmung-eroeffnen/')}")
    assert "Ernährungsrat: 14 Tage" in page.locator("main").inner_text()
    page.get_by_label("Abstimmung bis").fill(local_input(timezone.now() + timedelta(days=3)))
    page.get_by_role("button", name="Abstimmung eröffnen").click()
    page.wait_for_load_state()
    assert page.url.endswith("/abstimmung-eroeffnen/")
    message = error_of(page, "id_closes_at")
    assert SHORTER_THAN_CONSULTATION in message
    assert "Ernährungsrat braucht 14 Tage" in message
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.DRAFT
    check(page)

    override = page.get_by_label(re.compile("Begründung, falls die Frist kürzer ist"))
    override.fill("Der Gipfel muss vor den Sommerferien angemeldet sein.")
    page.get_by_role("button", name="Abstimmung eröffnen").click()
    page.wait_for_url(f"**{decision_url(decision)}")
    assert "Die Abstimmung ist eröffnet." in status_text(page)
    warning = page.get_by_role("region", name="Achtung: kürzer als die Rücksprachefrist")
    assert "Ernährungsrat (14 Tage)" in warning.inner_text()
    assert "vor den Sommerferien" in warning.inner_text()

    # Everyone at their own computer, points typed by keyboard.
    give_resistance(page, [6, 1, 9])
    for email, points in [
        ("rat@ernaehrung.example", [2, 3, 8]),
        ("kollegin@stadt.example", [3, 0, 10]),
    ]:
        other_context, other = second_page(browser, live_server)
        try:
            log_in_by_cookie(other, live_server, User.objects.get(email=email))
            other.goto(decision_url(decision))
            give_resistance(other, points)
            assert "Stimme ändern" in other.locator("main").inner_text()
        finally:
            other_context.close()

    page.goto(decision_url(decision))
    assert "3 Stimmen" in page.get_by_role("region", name="Abstimmung").inner_text()
    page.locator("main").get_by_role("link", name="Auszählen").click()
    page.wait_for_url(f"**{decision_url(decision, 'auszaehlen/')}")
    page.get_by_label("Begründung für das Beschlussbuch").fill("Die Markthalle ist offen.")
    page.get_by_role("button", name="Jetzt auszählen").click()
    page.wait_for_url(f"**{decision_url(decision)}#ergebnis")
    assert "Ausgezählt." in status_text(page)

    result = page.get_by_role("region", name=re.compile("^Ergebnis"))
    assert result.get_by_role("heading", level=2).inner_text() == (
        "Ergebnis: Gewählt: In der Markthalle"
    )
    table = result.get_by_role("table", name=re.compile("^Widerstand je Option"))
    rows = {
        row.get_by_role("rowheader").inner_text(): row.get_by_role("cell").all_inner_texts()
        for row in table.locator("tbody tr").all()
    }
    assert rows == {
        "Im Rathaus": ["11", "63,3 %"],
        "In der Markthalle ✓": ["4", "86,7 %"],
        PASSIVE: ["27", "10,0 %"],
    }
    assert table.locator("tr.winner").inner_text().startswith("In der Markthalle")
    assert "Die Markthalle ist offen." in result.inner_text()
    assert page.locator("main .status").inner_text().startswith("Entschieden am ")
    decision.refresh_from_db()
    assert (decision.status, decision.outcome) == ("decided", "Gewählt: In der Markthalle")
    check(page)


# 2. Supersede ----------------------------------------------------------------------------------


def decided(coproduction, actor, question: str, decision=None) -> Decision:
    """A consensus everyone agreed to, counted (a new one, or the given draft)."""
    decision = decision or services.decision_create(
        actor=actor, coproduction=coproduction, question=question, procedure="consensus"
    )
    decision.refresh_from_db()
    voting.decision_open_voting(
        actor=actor,
        decision=decision,
        # Opened a month ago: every partner's Rücksprachefrist is over, it can be counted.
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() + timedelta(days=30),
        expected_version=decision.version,
    )
    for member in selectors.eligible_voters(decision):
        voting.vote_cast(actor=member.user, decision=decision, membership=member, choice="agree")
    return voting.decision_close(actor=actor, decision=decision, reasons="Alle dafür.")


def test_a_decided_decision_is_superseded_by_a_new_one_that_says_why(
    page, live_server, transactional_db
):
    coproduction = three_members()
    coordinator = User.objects.get(email="amt@stadt.example")
    old_question = "Trifft sich das Plenum einmal im Monat?"
    new_question = "Trifft sich das Plenum im Sommer nur alle zwei Monate?"
    reason = "Im Sommer sind zu viele im Urlaub."
    old = decided(coproduction, coordinator, old_question)

    log_in_by_cookie(page, live_server, coordinator)
    page.goto(decision_url(old))
    assert page.locator("main").get_by_role("link", name="Bearbeiten").count() == 0
    page.get_by_role("link", name="Durch eine neue Entscheidung ersetzen …").click()
    page.wait_for_url(f"**{decision_url(old, 'ersetzen/')}")
    assert page.get_by_label("Frage:", exact=True).input_value() == old_question
    page.get_by_label("Frage:", exact=True).fill(new_question)
    page.get_by_label("Warum wird die Entscheidung ersetzt?").fill(reason)
    page.get_by_role("button", name="Neue Entscheidung vorbereiten").click()
    page.wait_for_url(re.compile(r"/entscheidungen/\d+/$"))
    assert "Die alte gilt weiter, bis die neue getroffen ist." in status_text(page)

    new = Decision.objects.get(question=new_question)
    assert page.url.endswith(decision_url(new))
    named = page.locator("main .notice").filter(has_text="Soll ersetzen: die Entscheidung")
    assert named.get_by_role("link", name=f"„{old_question}“").is_visible()
    assert f"Warum: {reason}" in named.inner_text()

    # Until the proposal is decided, the old decision stays in force and says so.
    page.goto(decision_url(old))
    pending = page.locator("main .notice").filter(has_text="Ein Vorschlag soll")
    assert pending.get_by_role("link", name=f"„{new_question}“").is_visible()
    assert page.get_by_role("link", name="Durch eine neue Entscheidung ersetzen …").count() == 0
    assert Decision.objects.get(pk=old.pk).status == "decided"

    decided(coproduction, coordinator, new_question, decision=new)
    page.goto(decision_url(new))
    assert page.locator("main .notice").filter(has_text="Ersetzt die Entscheidung").count() == 1
    page.goto(decision_url(old))
    assert page.locator("main .status").inner_text() == "Ersetzt – entschieden am " + (
        f"{timezone.localtime(Decision.objects.get(pk=old.pk).decided_at):%d.%m.%Y}"
    )
    replaced = page.locator("main .notice").filter(has_text="ersetzt durch")
    assert replaced.get_by_role("link", name=f"„{new_question}“").is_visible()
    assert f"Warum: {reason}" in replaced.inner_text()
    actions = page.locator("main ul.actions")
    assert actions.get_by_role("link").count() == 0
    assert page.locator("main").get_by_role("link", name="Bearbeiten").count() == 0

    # Not by the address either: the form is refused with a German reason.
    page.goto(decision_url(old, "bearbeiten/"))
    assert page.url.endswith(decision_url(old))
    assert "lässt sich nicht mehr ändern" in status_text(page)
    assert Decision.objects.get(pk=old.pk).question == old_question

    page.goto(decisions_url(coproduction))
    entry = page.locator("main ul.items > li").filter(
        has=page.get_by_role("heading", name=old_question)
    )
    replaced_in_log = entry.locator("p").filter(has_text="Ersetzt durch:")
    assert replaced_in_log.get_by_role("link", name=new_question).is_visible()


# 3. Bad input ----------------------------------------------------------------------------------


def test_a_decision_without_question_or_options_gets_german_messages_and_keeps_the_input(
    page, live_server, transactional_db
):
    coproduction = three_members()
    log_in_by_cookie(page, live_server, User.objects.get(email="amt@stadt.example"))
    page.goto(decisions_url(coproduction, "neu/"))
    page.get_by_label("Hintergrund").fill("Der Gipfel soll für alle gut erreichbar sein.")
    page.get_by_label(re.compile("Systemisches Konsensieren:")).check()
    page.get_by_label("Mandat").fill("Alle gleichberechtigt.")
    page.get_by_role("button", name="Entscheidung speichern").click()

    page.wait_for_load_state()
    assert page.url.endswith(decisions_url(coproduction, "neu/"))
    assert error_of(page, "id_question") == "Dieses Feld ist zwingend erforderlich."
    assert error_of(page, "id_options") == (
        "Systemisches Konsensieren braucht mindestens eine Option neben der Passivlösung."
    )
    assert page.get_by_label("Hintergrund").input_value() == (
        "Der Gipfel soll für alle gut erreichbar sein."
    )
    assert page.get_by_label("Mandat").input_value() == "Alle gleichberechtigt."
    assert page.get_by_label(re.compile("Systemisches Konsensieren:")).is_checked()
    assert not Decision.objects.exists()
    check(page)

    page.get_by_label("Frage:", exact=True).fill(QUESTION)
    page.get_by_label("Optionen (eine pro Zeile)").fill("\n".join(OPTIONS))
    page.get_by_role("button", name="Entscheidung speichern").click()
    page.wait_for_url(re.compile(r"/entscheidungen/\d+/$"))
    assert Decision.objects.get().options.count() == 3


def test_a_vote_with_missing_resistance_points_gets_a_german_message_and_keeps_the_input(
    page, live_server, transactional_db
):
    coproduction = three_members()
    coordinator = User.objects.get(email="amt@stadt.example")
    decision = services.decision_create(
        actor=coordinator,
        coproduction=coproduction,
        question=QUESTION,
        procedure="systemic",
        options=OPTIONS,
    )
    decision.refresh_from_db()
    voting.decision_open_voting(
        actor=coordinator,
        decision=decision,
        closes_at=timezone.now() + timedelta(days=30),
        expected_version=decision.version,
    )
    rathaus, markthalle, passive = decision.options.order_by("position")

    log_in_by_cookie(page, live_server, coordinator)
    page.goto(decision_url(decision))
    resistance_field(page, OPTIONS[0]).fill("4")
    resistance_field(page, PASSIVE).fill("12")
    page.get_by_label("Begründung:", exact=True).fill("Die Markthalle kenne ich nicht.")
    page.get_by_role("button", name="Abstimmen").click()

    page.wait_for_load_state()
    assert urlsplit(page.url).path == decision_url(decision, "abstimmen/")
    assert error_of(page, f"id_option-{markthalle.pk}") == (
        "Gebt auch „In der Markthalle“ Widerstandspunkte (0 bis 10)."
    )
    assert error_of(page, f"id_option-{passive.pk}") == "Höchstens 10 Punkte."
    assert page.locator(f"#id_option-{rathaus.pk}_error").count() == 0
    assert resistance_field(page, OPTIONS[0]).input_value() == "4"
    assert resistance_field(page, PASSIVE).input_value() == "12"
    assert page.get_by_label("Begründung:", exact=True).input_value() == (
        "Die Markthalle kenne ich nicht."
    )
    assert not decision.votes.exists()
    check(page)

    resistance_field(page, OPTIONS[1]).fill("7")
    resistance_field(page, PASSIVE).fill("10")
    page.get_by_role("button", name="Abstimmen").click()
    page.wait_for_url(re.compile(r"/entscheidungen/\d+/#abstimmen$"))
    vote = decision.votes.get()
    assert vote.resistance == {str(rathaus.pk): 4, str(markthalle.pk): 7, str(passive.pk): 10}


# 4. Every decision page: axe-core and a small screen -------------------------------------------


def _decision(question: str) -> str:
    return f"/werkstatt/{SLUG}/entscheidungen/{Decision.objects.get(question=question).pk}/"


OPEN_TWO_THIRDS = "Beantragen wir Fördermittel beim Landesprogramm „Gutes Essen“?"
OPEN_SYSTEMIC = "Welches Gericht kochen wir beim Gipfel zuerst?"
DECIDED_SYSTEMIC = "Wo findet der erste Ernährungsgipfel statt?"
SUPERSEDED = "Trifft sich das Plenum einmal im Monat, abends ab 18 Uhr?"
DRAFT = "Intern: Bringen wir die Forderung nach einer bezahlten Stelle jetzt ein?"
MEETING_DRAFT = "Wählen wir im Plenum eine Sprecherin für den Gipfel?"

DECISION_PAGES = [
    ("log", lambda: f"/werkstatt/{SLUG}/entscheidungen/"),
    ("log-filtered", lambda: f"/werkstatt/{SLUG}/entscheidungen/?stand=decided"),
    ("create", lambda: f"/werkstatt/{SLUG}/entscheidungen/neu/"),
    ("open-vote-two-thirds", lambda: _decision(OPEN_TWO_THIRDS)),
    ("open-vote-systemic", lambda: _decision(OPEN_SYSTEMIC)),
    ("decided-systemic", lambda: _decision(DECIDED_SYSTEMIC)),
    ("superseded", lambda: _decision(SUPERSEDED)),
    ("draft", lambda: _decision(DRAFT)),
    ("edit", lambda: _decision(DRAFT) + "bearbeiten/"),
    ("open-voting", lambda: _decision(DRAFT) + "abstimmung-eroeffnen/"),
    ("close", lambda: _decision(OPEN_TWO_THIRDS) + "auszaehlen/"),
    ("record-in-meeting", lambda: _decision(MEETING_DRAFT) + "im-treffen/"),
    ("supersede", lambda: _decision(DECIDED_SYSTEMIC) + "ersetzen/"),
]
DECISION_PARAMS = [pytest.param(target, id=name) for name, target in DECISION_PAGES]


@pytest.fixture
def demo_page(page, live_server, transactional_db):
    """The demo co-production, with an open systemic vote and a meeting draft, seen by
    initiative@demo.example."""
    coproduction = create_demo(DEMO_PASSWORD)
    ini = Membership.objects.get(user__email="initiative@demo.example", coproduction=coproduction)
    systemic = services.decision_create(
        actor=ini.user,
        coproduction=coproduction,
        question=OPEN_SYSTEMIC,
        procedure="systemic",
        options=["Linsensuppe", "Gemüsecurry"],
    )
    systemic.refresh_from_db()
    voting.decision_open_voting(
        actor=ini.user,
        decision=systemic,
        closes_at=timezone.now() + timedelta(days=60),
        expected_version=systemic.version,
    )
    services.decision_create(
        actor=ini.user, coproduction=coproduction, question=MEETING_DRAFT, procedure="meeting"
    )
    log_in_by_cookie(page, live_server, ini.user)
    return page


def open_decision_page(page, target) -> None:
    path = target()
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response.status}"
    assert urlsplit(page.url).path == urlsplit(path).path, page.url


@pytest.mark.parametrize("target", DECISION_PARAMS)
def test_axe_finds_no_wcag_21_aa_violations_on_decision_pages(demo_page, target):
    open_decision_page(demo_page, target)
    assert_no_axe_violations(demo_page)


@pytest.mark.parametrize("target", DECISION_PARAMS)
def test_a_decision_page_needs_no_horizontal_scrolling_on_a_360_pixel_screen(demo_page, target):
    demo_page.set_viewport_size(SMALL_SCREEN)
    open_decision_page(demo_page, target)
    assert_no_horizontal_scrolling(demo_page)


def test_the_pages_under_test_show_what_they_are_meant_to(demo_page):
    """The page checks above look at a vote form, a tally and each action form."""
    page = demo_page
    page.goto(_decision(OPEN_SYSTEMIC))
    ballot = page.locator("form").filter(has_text="Widerstandspunkte")
    assert ballot.get_by_role("spinbutton").count() == 3
    page.goto(_decision(OPEN_TWO_THIRDS))
    assert page.get_by_role("group", name="Eure Stimme").is_visible()
    page.goto(_decision(DECIDED_SYSTEMIC))
    assert page.get_by_role("table", name=re.compile("^Widerstand je Option")).is_visible()
    page.goto(_decision(MEETING_DRAFT) + "im-treffen/")
    assert page.get_by_label("Ja-Stimmen").is_visible()
    page.goto(_decision(DECIDED_SYSTEMIC) + "ersetzen/")
    assert page.get_by_label("Warum wird die Entscheidung ersetzt?").is_visible()
