"""The guide (Der Fächer) in a real browser: reading, following references, searching,
accessibility (axe-core, keyboard, small screens) and the promise that nothing is loaded
from anywhere else."""

import re
from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

# The pages every check runs on: (id, path).
PAGES = [
    ("overview", "/faecher/"),
    ("card", "/faecher/karten/6/"),
    ("chapter", "/faecher/kapitel/ziele/"),
    ("search", "/faecher/suche/?q=Koproduktion"),
    ("glossary", "/faecher/begriffe/"),
    ("network", "/faecher/netz/"),
    ("sources", "/faecher/quellen/"),
    ("home", "/"),
    ("accessibility", "/barrierefreiheit/"),
    ("easy-language", "/leichte-sprache/"),
    ("imprint", "/impressum/"),
    ("privacy", "/datenschutz/"),
]
PAGE_PARAMS = [pytest.param(path, id=name) for name, path in PAGES]

# WCAG 2.1 level A and AA, the standard BITV 2.0 refers to.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()

SMALL_SCREEN = {"width": 360, "height": 740}


def open_page(page, path: str):
    response = page.goto(path)
    assert response is not None and response.status == 200, (
        f"{path}: {response and response.status}"
    )
    return response


def region(page, name: str):
    """A <section aria-labelledby=…>, found the way assistive technology finds it."""
    return page.get_by_role("region", name=name, exact=True)


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                text: el.textContent.trim(),
                href: el.getAttribute("href"),
                outline: getComputedStyle(el).outlineStyle,
                inVerweise: !!el.closest("section[aria-labelledby='verweise']"),
            };
        }"""
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(node['target'])}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def test_a_reader_opens_the_first_card_from_the_chapter_list(page):
    open_page(page, "/faecher/")
    first = page.locator(".chapters .card-list a").first
    title = first.inner_text()

    first.click()

    page.wait_for_url(re.compile(r"/faecher/karten/\d+/$"))
    assert title in page.locator("h1").inner_text()
    text = page.locator(".card-text")
    assert text.is_visible()
    assert len(text.inner_text()) > 100


def test_a_reader_follows_a_reference_and_sees_where_it_came_from(page):
    open_page(page, "/faecher/karten/6/")
    link = region(page, "Verweise").get_by_role("link").first
    target = link.get_attribute("data-number")
    title = link.inner_text()

    link.click()

    page.wait_for_url(f"**/faecher/karten/{target}/")
    assert title in page.locator("h1").inner_text()
    back_links = region(page, "Verwiesen von").get_by_role("link")
    assert back_links.count() >= 1
    assert "/faecher/karten/6/" in [
        back_links.nth(i).get_attribute("href") for i in range(back_links.count())
    ]


def test_searching_in_the_header_finds_card_6_near_the_top_with_the_word_highlighted(page):
    open_page(page, "/faecher/")
    page.get_by_role("searchbox", name="Im Leitfaden suchen").fill("Koproduktion")
    page.get_by_role("search").get_by_role("button", name="Suchen").click()

    page.wait_for_url("**/faecher/suche/?q=Koproduktion")
    hits = page.locator("ol.results > li")
    assert hits.count() >= 1
    top = [
        hits.nth(i).locator("a").first.get_attribute("href") for i in range(min(3, hits.count()))
    ]
    assert "/faecher/karten/6/" in top, top
    card_6 = hits.filter(has=page.locator("a[href='/faecher/karten/6/']"))
    assert card_6.locator("mark").count() >= 1


def test_the_question_box_suggests_cards_for_a_described_situation(page):
    open_page(page, "/faecher/")
    page.get_by_label("Was beschäftigt euch gerade?").fill("Wir haben Streit über die Ziele")
    page.get_by_role("button", name="Passende Karten finden").click()

    page.wait_for_url("**/faecher/suche/**")
    hits = page.locator("ol.results > li")
    assert hits.count() >= 1
    assert hits.first.locator("a").first.get_attribute("href").startswith("/faecher/karten/")


@pytest.mark.parametrize("path", PAGE_PARAMS)
def test_axe_finds_no_wcag_21_aa_violations(page, path):
    open_page(page, path)
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results["violations"]
    assert not violations, f"axe-core on {path}:\n{format_violations(violations)}"


@pytest.mark.parametrize("path", PAGE_PARAMS)
def test_a_360_pixel_wide_screen_needs_no_horizontal_scrolling(page, path):
    page.set_viewport_size(SMALL_SCREEN)
    open_page(page, path)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > SMALL_SCREEN["width"]:
        culprits = page.evaluate(
            """limit => [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > limit)
                .slice(0, 10)
                .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))""",
            SMALL_SCREEN["width"],
        )
        pytest.fail(f"{path} is {width}px wide at 360px; too wide: {culprits}")


def test_keyboard_only_skip_link_main_and_references(page):
    open_page(page, "/faecher/karten/6/")

    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Zum Inhalt springen"
    assert skip["outline"] != "none"

    page.keyboard.press("Enter")
    assert focused(page)["id"] == "inhalt"

    for _ in range(60):
        page.keyboard.press("Tab")
        current = focused(page)
        if current["inVerweise"]:
            break
    else:
        pytest.fail("Tab never reached the links under „Verweise“")
    assert current["tag"] == "a"
    assert current["outline"] != "none", "the focused reference link shows no outline"

    page.keyboard.press("Enter")
    page.wait_for_url(f"**{current['href']}")
    assert current["text"] in page.locator("h1").inner_text()


@pytest.mark.parametrize("path", PAGE_PARAMS)
def test_a_page_loads_nothing_from_another_origin(page, request_log, path):
    open_page(page, path)
    page.wait_for_load_state("networkidle")
    request_log.assert_same_origin()


@pytest.mark.parametrize("path", PAGE_PARAMS)
def test_the_content_security_policy_is_sent_and_nothing_violates_it(page, path):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))

    response = open_page(page, path)
    page.wait_for_load_state("networkidle")

    policy = response.headers.get("content-security-policy")
    assert policy and "default-src 'self'" in policy
    violations = [m for m in messages if "Content Security Policy" in m]
    assert not violations, "\n".join(violations)
