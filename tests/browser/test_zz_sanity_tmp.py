import pytest
from tests.browser.test_guide import AXE_SCRIPT, AXE_TAGS, format_violations, open_page
pytestmark = pytest.mark.browser

def test_axe_detects(page):
    open_page(page, "/faecher/")
    page.evaluate("""() => { const i = document.createElement('img'); i.src='/static/core/favicon.svg'; document.querySelector('main').append(i);
      const a = document.createElement('a'); a.href='#'; a.style.color = '#eee'; a.textContent='low contrast'; document.querySelector('main').append(a); }""")
    page.evaluate(AXE_SCRIPT)
    r = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    print(format_violations(r["violations"]))
    assert r["violations"]

def test_foreign_detected(page, request_log):
    open_page(page, "/faecher/")
    page.evaluate("""() => { const i = document.createElement('img'); i.src='https://cdn.example.com/x.png'; document.body.append(i); }""")
    page.wait_for_timeout(500)
    print(request_log.foreign())
    with pytest.raises(AssertionError):
        request_log.assert_same_origin()

def test_csp_console(page):
    msgs = []
    page.on("console", lambda m: msgs.append(m.text))
    open_page(page, "/faecher/")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent='1'; document.body.append(s); }""")
    page.wait_for_timeout(300)
    print(msgs)
    assert any("Content Security Policy" in m for m in msgs)
