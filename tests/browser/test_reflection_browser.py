"""Reflection in a real browser: answer a round (a missing scale first), then read the results
and the trend chart — and axe-core at 1280 and 360 pixels on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reflection import services
from reflection.models import Question, ReflectionRound, Response
from tests.browser.test_accounts_browser import assert_fits_small_screen, assert_no_axe_violations
from tests.browser.test_guide import SMALL_SCREEN
from tests.browser.test_werkstatt_browser import log_in_by_cookie
from tests.factories import add_member, make_coproduction, make_user
from tests.reflection.helpers import answers
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.browser
WIDE = {"width": 1280, "height": 900}


def _closed_round(coproduction, actor, people, title, days_ago, score):
    today = timezone.localdate()
    round_ = services.round_create(
        actor=actor,
        coproduction=coproduction,
        title=title,
        opens_on=today,
        closes_on=today + timedelta(days=7),
    )
    for n, member in enumerate(people):
        comment = "Die Treffen sind zu lang." if n == 0 else ""
        services.response_save(
            membership=member, round_=round_, answers=answers(score + n % 2, comment)
        )
    services.round_close(actor=actor, round_=round_)
    opens_on = today - timedelta(days=days_ago)
    ReflectionRound.objects.filter(pk=round_.pk).update(
        opens_on=opens_on, closes_on=opens_on + timedelta(days=7)
    )
    return round_


@pytest.fixture
def world(transactional_db):
    founder = make_user("ini@example.org", display_name="Ini Basis")
    coproduction = make_coproduction(founder, side=Side.CIVIL_SOCIETY, name="Ernährung")
    ini = Membership.objects.get(user=founder)
    people = [ini] + [
        add_member(coproduction, side=side)
        for side in [Side.CIVIL_SOCIETY] * 2 + [Side.ADMINISTRATION] * 3
    ]
    first = _closed_round(coproduction, founder, people, "Frühjahr", 200, 2)
    second = _closed_round(coproduction, founder, people, "Herbst", 30, 3)
    consequence = services.consequence_create(
        actor=founder, round_=second, text="Kürzere Treffen", owner=ini
    )
    today = timezone.localdate()
    running = services.round_create(
        actor=founder,
        coproduction=coproduction,
        title="Winter",
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )
    return coproduction, founder, first, second, running, consequence


def test_every_reflection_page_is_accessible_wide_and_on_a_small_screen(page, live_server, world):
    coproduction, founder, first, second, running, consequence = world
    log_in_by_cookie(page, live_server, founder)
    base = f"/werkstatt/{coproduction.slug}/reflexion/"
    paths = [
        "",
        "rhythmus/",
        "verlauf/",
        "verlauf/?seite=administration",
        "neu/",
        f"{running.pk}/",
        f"{running.pk}/antworten/",
        f"{running.pk}/loeschen/",
        f"{second.pk}/",
        f"{second.pk}/auswertung/",
        f"{second.pk}/konsequenz/",
        f"konsequenzen/{consequence.pk}/",
    ]
    for size in (WIDE, SMALL_SCREEN):
        page.set_viewport_size(size)
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, path
            assert_no_axe_violations(page)
            if size == SMALL_SCREEN:
                assert_fits_small_screen(page)


def test_a_member_answers_a_round_and_reads_the_results_and_the_trend(page, live_server, world):
    coproduction, founder, first, second, running, _consequence = world
    log_in_by_cookie(page, live_server, founder)
    page.set_viewport_size(SMALL_SCREEN)
    page.goto(f"/werkstatt/{coproduction.slug}/reflexion/")
    page.get_by_role("link", name="Fragen beantworten").first.click()
    page.wait_for_url(f"**/reflexion/{running.pk}/antworten/")
    labels = [label for _, label in Question.choices]
    for label in labels[:-1]:
        page.get_by_role("group", name=label).get_by_label("4 – eher ja").check()
    page.get_by_label("Kommentar (freiwillig)").first.fill("Wir lernen viel voneinander.")
    page.get_by_role("button", name="Antworten abschicken").click()
    assert "Bitte wählt einen Punkt auf der Skala." in page.content()
    assert page.get_by_label("Kommentar (freiwillig)").first.input_value() == (
        "Wir lernen viel voneinander."
    )
    assert_no_axe_violations(page)
    page.get_by_role("group", name=labels[-1]).get_by_label("5 – voll und ganz").check()
    page.get_by_role("button", name="Antworten abschicken").click()
    page.wait_for_url(f"**/reflexion/{running.pk}/")
    assert "Ihr habt geantwortet" in page.content()
    assert Response.objects.filter(round=running).count() == 1
    assert "Mittelwert" not in page.content()  # nothing while the round runs

    page.goto(f"/werkstatt/{coproduction.slug}/reflexion/{second.pk}/")
    content = page.content()
    assert "Mittelwert" in content and "Die Treffen sind zu lang." in content
    assert_no_axe_violations(page)

    page.goto(f"/werkstatt/{coproduction.slug}/reflexion/")
    page.get_by_role("link", name="Verlauf über die Runden").click()
    chart = page.get_by_role("img", name="Verlauf: Alle zusammen")
    assert chart.is_visible()
    rows = page.locator("table tbody tr")
    assert rows.count() == 2 and "Frühjahr" in rows.first.inner_text()
    assert_fits_small_screen(page)
