"""Fixtures for the browser tests: headless Chromium (from Debian) against Django's live server.

Run them with `make test-browser` (`pytest -m browser`). Chromium is expected at
/usr/bin/chromium (`apt-get install chromium`); `playwright install` is never used.
"""

import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

# Sync Playwright runs an asyncio event loop in the test thread; without this Django refuses
# database access from that thread ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# Schemes that never leave the browser: they are not requests to anybody.
LOCAL_SCHEMES = {"data", "blob", "about"}


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module; each test gets its own context.

    Module scope, not session scope: sync Playwright allows only one running instance per
    thread, and a module that starts its own (test_export_browser.py) would fail while a
    session-wide one is still open. Launching Chromium costs about a second.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. The browser tests need Debian's Chromium: "
            "apt-get install -y chromium chromium-driver (never `playwright install`).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _ssl_redirect_off():
    """The test settings are the production settings, which redirect HTTP to HTTPS.

    The live server speaks plain HTTP. Its SecurityMiddleware reads SECURE_SSL_REDIRECT once,
    when the server starts; the `live_server` override below switches the setting back right
    after that, so no other test sees the changed value.
    """
    with contextlib.ExitStack() as stack:
        stack.enter_context(override_settings(SECURE_SSL_REDIRECT=False))
        yield stack


@pytest.fixture(scope="session")
def live_server(_ssl_redirect_off, live_server):
    _ssl_redirect_off.close()
    return live_server


@pytest.fixture
def context(browser, live_server):
    ctx = browser.new_context(base_url=live_server.url, locale="de-DE")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


class RequestLog:
    """Every URL a page requests, to prove that nothing goes to another origin."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in LOCAL_SCHEMES and _origin(url) != self.origin
        ]

    def assert_same_origin(self) -> None:
        assert self.urls, "no request was recorded"
        foreign = self.foreign()
        assert not foreign, f"requests to other origins than {self.origin}:\n" + "\n".join(foreign)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def request_log(page, live_server):
    """Records every request URL of `page` from now on; call `.assert_same_origin()`."""
    return RequestLog(page, _origin(live_server.url))
