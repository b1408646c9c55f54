"""Browser-test fixtures: the real server on a free 127.0.0.1 port, Debian's Chromium via Playwright.

Why Debian's Chromium: `playwright install` downloads browsers, which this project's machines
cannot do; `.ci/run` installs the `chromium` package instead. Without it the tests are skipped
with that reason. Pages are never waited on with `networkidle`: Gradio keeps a stream open.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
EMBED_DIR = Path(__file__).resolve().parents[2] / "ui" / "embed"


@pytest.fixture(scope="session")
def live_server(tiny_artifacts, tiny_config):
    """The whole app (chat, API, embed) served from a background thread; yields its base URL."""
    from assistant.loop import Assistant
    from ui.server import BackgroundServer, create_app
    from ui.service import ChatService

    service = ChatService(Assistant.load(tiny_artifacts, tiny_config), stream_delay_s=0.002)
    with BackgroundServer(create_app(service)) as server:
        yield server.url


@pytest.fixture(scope="session")
def slow_server(tiny_artifacts, tiny_config):
    """The app with replies paced at 40 ms a word (a second or two each), for what happens during one."""
    from assistant.loop import Assistant
    from ui.server import BackgroundServer, create_app
    from ui.service import ChatService

    service = ChatService(Assistant.load(tiny_artifacts, tiny_config), stream_delay_s=0.04)
    with BackgroundServer(create_app(service)) as server:
        yield server.url


@pytest.fixture(scope="session")
def other_origin():
    """A plain static server for ui/embed on another port: the store's support page origin."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(EMBED_DIR))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package (pip install playwright)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, request):
    """A fresh browser context per test (its own Gradio session); a screenshot on failure."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        shoot(page, f"FAILED-{request.node.name}")
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def shoot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
