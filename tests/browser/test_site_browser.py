"""The error pages pass axe-core like every other page."""

import pytest

from tests.browser.test_guide import AXE_SCRIPT, AXE_TAGS, format_violations

pytestmark = pytest.mark.browser


def test_the_404_page_has_no_wcag_21_aa_violations(page):
    response = page.goto("/faecher/karten/999/")
    assert response is not None and response.status == 404
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Diese Seite gibt es nicht")
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    assert not results["violations"], format_violations(results["violations"])
