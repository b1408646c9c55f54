"""Accessibility of the chat page, checked by axe-core (the axe-playwright-python package bundles it).

Serious and critical violations fail the test; every violation found is written to
test-output/axe/ so a reviewer can read the full report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import shoot
from tests.browser.test_chat_browser import ask, open_chat

REPORTS = Path(__file__).resolve().parents[2] / "test-output" / "axe"


def _audit(page, name: str) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.json").write_text(json.dumps(violations, indent=2))
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_chat_page_has_no_serious_accessibility_violations(browser, live_server, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        open_chat(page, live_server)
        ask(page, "headphones")
        shoot(page, f"axe-{size[0]}")
        serious = _audit(page, f"chat-{size[0]}x{size[1]}")
        assert serious == [], serious
    finally:
        context.close()
