"""Handovers in a real browser: a member leaves and hands over what they hold, the handover's
checklist is ticked and signed; the newcomers' page — axe-core at 1280 and 360 pixels."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from goals.models import Goal, Milestone
from handover.models import Handover
from structures import services as structures
from structures.models import Mandate
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_goal, make_milestone, make_user
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.browser
LARGE_SCREEN = {"width": 1280, "height": 800}


@pytest.fixture
def world(transactional_db):
    founder = make_user("ini@example.org", display_name="Ini Basis")
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Ernährung")
    ini = Membership.objects.get(user=founder)
    kim = add_member(coproduction, make_user("kim@example.org", display_name="Kim Wechsel"))
    add_member(coproduction, side=Side.ADMINISTRATION)
    plenary = structures.body_create(
        actor=founder,
        coproduction=coproduction,
        owner_side="",
        name="Plenum",
        kind="plenary",
        decision_procedure="consent",
        visibility="coproduction",
    )
    structures.mandate_create(
        actor=founder, body=plenary, partner=kim.partner, holder=kim, started_on=date(2026, 1, 1)
    )
    goal = make_goal(coproduction, title="Regionale Kantinen", steward=kim)
    milestone = make_milestone(
        coproduction,
        title="Ausschreibung steht",
        responsible=kim,
        due_date=timezone.localdate() + timedelta(days=40),
    )
    return coproduction, ini, kim, goal, milestone


def test_a_member_leaves_and_hands_over_what_they_hold(page, live_server, world):
    coproduction, ini, kim, goal, milestone = world
    log_in_by_cookie(page, live_server, kim.user)
    base = f"/werkstatt/{coproduction.slug}/"
    for size in (LARGE_SCREEN, SMALL_SCREEN):
        page.set_viewport_size(size)
        page.goto(f"{base}mitglieder/{kim.pk}/")
        page.get_by_role("link", name="Aus der Ko-Produktion austreten …").click()
        page.wait_for_url(f"**/mitglieder/{kim.pk}/austreten/")
        assert_no_axe_violations(page)
        if size == SMALL_SCREEN:
            assert_fits_small_screen(page)

    page.get_by_label("Mandat: Ernährungsrat in Plenum – wer übernimmt?").select_option(
        label="Ini Basis"
    )
    page.get_by_label("Ziel im Blick behalten: Regionale Kantinen – wer übernimmt?").select_option(
        label="Ini Basis"
    )
    page.get_by_label("Übergabe mit Checkliste festhalten an").select_option(label="Ini Basis")
    page.get_by_role("button", name="Übergeben und austreten").click()
    page.wait_for_url("**/werkstatt/")
    assert Membership.objects.get(pk=kim.pk).left_at is not None
    assert Mandate.objects.get(ended_on__isnull=True).holder == ini
    assert Goal.objects.get(pk=goal.pk).steward == ini
    assert Milestone.objects.get(pk=milestone.pk).responsible == kim  # left open on purpose
    handover = Handover.objects.get()

    # Ini ticks the checklist and signs for Kim (who has left) and as successor.
    page.context.clear_cookies()
    log_in_by_cookie(page, live_server, ini.user)
    page.goto(f"{base}uebergaben/")
    page.get_by_role("link", name="Kim Wechsel → Ini Basis").click()
    for _ in range(4):
        page.locator("#checkliste").get_by_role("button", name="Abhaken").first.click()
        page.wait_for_load_state()
    assert not handover.items.filter(done=False).exists()
    page.get_by_role("button", name="Als Nachfolge abzeichnen").click()
    page.wait_for_url("**#abzeichnen")
    assert Handover.objects.get().successor_signed_at is not None
    assert_no_axe_violations(page)
    page.set_viewport_size(SMALL_SCREEN)
    assert_fits_small_screen(page)

    # The Check names the milestone left open.
    page.goto(f"{base}kompass/")
    assert "Ausschreibung steht" in page.content()


def test_the_handover_pages_and_the_newcomers_page_are_accessible(page, live_server, world):
    coproduction, ini, kim, _goal, _milestone = world
    log_in_by_cookie(page, live_server, kim.user)
    base = f"/werkstatt/{coproduction.slug}/"
    page.goto(f"{base}uebergaben/neu/")
    page.get_by_label("Wer geht oder abgibt").select_option(label="Kim Wechsel (Ernährungsrat)")
    page.get_by_label("Wer übernimmt").select_option(label="Ini Basis (Ernährungsrat)")
    page.get_by_label("Gemeinsame Zeit bis").fill("2026-12-15")
    page.get_by_label("Gemeinsame Zeit von").fill("2026-12-20")
    page.get_by_role("button", name="Übergabe anlegen").click()
    page.get_by_text("kann nicht enden, bevor sie beginnt").wait_for()
    assert_no_axe_violations(page)
    page.get_by_label("Gemeinsame Zeit von").fill("2026-12-01")
    page.get_by_role("button", name="Übergabe anlegen").click()
    page.wait_for_url("**/uebergaben/*/")
    handover = Handover.objects.get()
    for size in (LARGE_SCREEN, SMALL_SCREEN):
        page.set_viewport_size(size)
        for path in ("ankommen/", "uebergaben/", f"uebergaben/{handover.pk}/", "uebergaben/neu/"):
            response = page.goto(base + path)
            assert response.status == 200, path
            assert_no_axe_violations(page)
            if size == SMALL_SCREEN:
                assert_fits_small_screen(page)
    page.goto(f"{base}ankommen/")
    assert "Regionale Kantinen" in page.content() and "Karte 48" in page.content()
