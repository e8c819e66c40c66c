import pytest
from tests.browser.test_guide import AXE_SCRIPT, PAGE_PARAMS, format_violations, open_page
pytestmark = pytest.mark.browser

@pytest.mark.parametrize("path", PAGE_PARAMS)
def test_bp(page, path):
    open_page(page, path)
    page.evaluate(AXE_SCRIPT)
    r = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": ["best-practice", "wcag22aa", "wcag2aaa"]}, "resultTypes": ["violations"]})
    print(path, format_violations(r["violations"]))
