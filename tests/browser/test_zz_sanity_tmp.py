import json, pytest
from tests.browser.test_guide import AXE_SCRIPT, AXE_TAGS
from tests.browser.test_werkstatt_browser import open_werkstatt_page, demo_page  # noqa
from workspaces.demo import SLUG

pytestmark = pytest.mark.browser

def test_sanity(demo_page):
    open_werkstatt_page(demo_page, f"/werkstatt/{SLUG}/meilensteine/")
    demo_page.evaluate(AXE_SCRIPT)
    r = demo_page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": AXE_TAGS}})
    for v in r["incomplete"]:
        for n in v["nodes"]:
            print(n["target"], n["html"][:120], json.dumps(n["any"][0]["data"])[:300] if n["any"] else "", n["any"][0]["message"] if n["any"] else "")
    demo_page.screenshot(path="/tmp/scratch/ms.png", full_page=True)
    demo_page.set_viewport_size({"width": 360, "height": 740})
    demo_page.screenshot(path="/tmp/scratch/ms360.png", full_page=True)
