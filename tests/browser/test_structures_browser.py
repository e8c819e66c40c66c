"""Zusammenarbeit, bodies, mandates and conflicts in a real browser: rotate a mandate, enter a
conflict with bad input first — and axe-core plus a 360 pixel wide screen on every page."""

from datetime import date

import pytest

from conflicts import services as conflicts
from structures import services as structures
from structures.models import Mandate
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_user
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    founder = make_user("ini@example.org", display_name="Ini Basis")
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Ernährung")
    ini = Membership.objects.get(user=founder)
    kim = add_member(coproduction, make_user("kim@example.org", display_name="Kim Wechsel"))
    amt = add_member(coproduction, side=Side.ADMINISTRATION)
    plenary = structures.body_create(
        actor=founder,
        coproduction=coproduction,
        owner_side="",
        name="Plenum",
        kind="plenary",
        visibility="public",
        members=[ini, kim, amt],
    )
    mandate = structures.mandate_create(
        actor=founder,
        body=plenary,
        partner=ini.partner,
        holder=ini,
        needs_consultation="Geld des Vereins",
        rotates=True,
        started_on=date(2026, 1, 1),
    )
    conflict = conflicts.conflict_create(
        actor=founder, coproduction=coproduction, owner_side="", title="Tagungszeiten"
    )
    return coproduction, founder, plenary, mandate, conflict


def test_every_structures_page_is_accessible_and_fits_a_small_screen(page, live_server, world):
    coproduction, founder, plenary, mandate, conflict = world
    log_in_by_cookie(page, live_server, founder)
    base = f"/werkstatt/{coproduction.slug}/"
    paths = [
        "zusammenarbeit/",
        "gremien/",
        "gremien/neu/",
        f"gremien/{plenary.pk}/",
        f"gremien/{plenary.pk}/mandate/neu/",
        f"gremien/{plenary.pk}/mandate/{mandate.pk}/",
        f"gremien/{plenary.pk}/mandate/{mandate.pk}/rotieren/",
        f"gremien/{plenary.pk}/mandate/{mandate.pk}/loeschen/",
        f"gremien/{plenary.pk}/loeschen/",
        "konflikte/",
        "konflikte/neu/",
        f"konflikte/{conflict.pk}/",
        f"konflikte/{conflict.pk}/loeschen/",
    ]
    page.set_viewport_size(SMALL_SCREEN)
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert_no_axe_violations(page)
        assert_fits_small_screen(page)


def test_a_mandate_rotates_and_a_conflict_is_entered_by_keyboard_and_mouse(
    page, live_server, world
):
    coproduction, founder, plenary, mandate, _conflict = world
    log_in_by_cookie(page, live_server, founder)

    page.goto(f"/werkstatt/{coproduction.slug}/gremien/{plenary.pk}/")
    page.get_by_role("link", name="Mandat rotieren …").click()
    holder = page.get_by_role("group", name="Wer übernimmt das Mandat?")
    holder.get_by_label("Suchen und auswählen").fill("Kim")
    holder.get_by_label("Kim Wechsel (Ernährungsrat)").check()
    page.get_by_label("Ab wann?").fill("2026-06-01")
    page.get_by_role("button", name="Mandat übergeben").click()
    page.wait_for_url(f"**/gremien/{plenary.pk}/#mandate")
    assert "Frühere Mandatsträger:innen" in page.content()
    assert Mandate.objects.get(ended_on__isnull=True).holder.user.email == "kim@example.org"
    assert_no_axe_violations(page)

    page.goto(f"/werkstatt/{coproduction.slug}/konflikte/neu/")
    page.get_by_label("Strittiger Punkt").fill("Wer liefert in die Kantinen?")
    page.get_by_label("Bisherige Schritte").fill("Zwei Gespräche im Plenum")
    page.get_by_label("Gelöst").check()
    page.get_by_role("button", name="Konflikt speichern").click()
    assert "braucht eine Lösung" in page.content()
    assert page.get_by_label("Bisherige Schritte").input_value() == "Zwei Gespräche im Plenum"
    assert_no_axe_violations(page)
    page.get_by_label("In Moderation").check()
    page.get_by_role("button", name="Konflikt speichern").click()
    page.wait_for_url("**/konflikte/*/")
    assert "In Moderation" in page.content()
