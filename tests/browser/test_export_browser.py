"""The exported Fächer (export_faecher) opened straight from the file system in Chromium.

Self-contained on purpose: it needs no live server, only the files the command writes.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def exported_site(tmp_path_factory):
    target = tmp_path_factory.mktemp("export").resolve()
    call_command("export_faecher", str(target), stdout=StringIO(), stderr=StringIO())
    return target


@pytest.fixture(scope="module")
def export_browser(exported_site):
    # Depends on the export so that it runs before Playwright starts its event loop in this
    # thread, where Django would refuse some calls.
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Problems:
    """Script errors, failed loads and anything requested from outside the export."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("pageerror", lambda error: self.items.append(f"script error: {error}"))
        page.on("requestfailed", lambda request: self.items.append(f"failed: {request.url}"))
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith("file://")
                else self.items.append(f"not a file: {request.url}")
            ),
        )


@pytest.fixture
def export_page(export_browser):
    context = export_browser.new_context(locale="de-DE")
    page = context.new_page()
    problems = Problems(page)
    yield page
    context.close()
    assert not problems.items, "\n".join(problems.items)


def test_a_reader_opens_the_export_from_disk_and_follows_cards_and_references(
    exported_site, export_page
):
    page = export_page
    page.goto((exported_site / "index.html").as_uri())
    assert page.title().startswith("Der Fächer")
    # The stylesheet came along: the card numbers have their pill background.
    background = page.locator(".num").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(234, 229, 218)"

    page.get_by_role("link", name="Von vorne lesen: Karte 6").click()
    page.wait_for_url(re.compile(r"/karten/6/index\.html$"))
    assert "Partizipation, Kooperation, Ko-Produktion" in page.locator("h1").inner_text()

    page.get_by_role("region", name="Verweise").locator('a[data-number="31"]').click()
    page.wait_for_url(re.compile(r"/karten/31/index\.html$"))
    assert page.locator("h1").inner_text().startswith("Karte 31:")
    page.get_by_role("region", name="Verwiesen von").locator('a[data-number="6"]').click()
    page.wait_for_url(re.compile(r"/karten/6/index\.html$"))

    page.get_by_role("link", name="Daseinsvorsorge").first.click()
    page.wait_for_url(re.compile(r"/begriffe/index\.html#daseinsvorsorge$"))
    assert page.locator("#daseinsvorsorge").is_visible()


def test_the_offline_search_finds_koproduktion_on_card_6(exported_site, export_page):
    page = export_page
    page.goto((exported_site / "karten" / "31" / "index.html").as_uri())
    page.get_by_role("searchbox", name="Im Leitfaden suchen").fill("Koproduktion")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/suche/index\.html\?q=Koproduktion$"))

    assert "vereinfachte Offline-Suche" in page.locator("main").inner_text()
    assert "Karten passen zu „Koproduktion“" in page.get_by_role("status").inner_text()
    assert page.locator("#q").input_value() == "Koproduktion"
    first = page.locator("#search-results a").first
    assert first.inner_text().split() == ["6", "Partizipation,", "Kooperation,", "Ko-Produktion"]
    first.click()
    page.wait_for_url(re.compile(r"/karten/6/index\.html$"))
    assert "Ko-Produktion" in page.locator("h1").inner_text()


def test_the_offline_search_folds_umlauts_and_ranks_by_matching_words(exported_site, export_page):
    page = export_page
    search = (exported_site / "suche" / "index.html").as_uri()
    page.goto(f"{search}?q=%C3%B6ffentliche+Ko-Produktion")
    results = page.locator("#search-results li")
    assert results.count() > 1
    assert "2 von 2 Suchwörtern" in results.first.inner_text()

    page.goto(f"{search}?q=Quantenphysik")
    assert "Zu „Quantenphysik“ haben wir keine Karte gefunden." in (
        page.get_by_role("status").inner_text()
    )
    assert page.locator("#search-results").is_hidden()
