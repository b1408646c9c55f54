"""Send-to-reply time in a real browser against the HTTP API's own time for the same turns.

    .venv/bin/python bench/browser_latency.py --artifacts ART [--preset default] [--rounds 5]

Serves the whole app (as `shopassist serve` does: no pacing) on a free loopback port in this
process, then runs the same dialogue `--rounds` times two ways, alternating: through
`POST /api/chat` (the server's time to answer) and through the chat page in Debian's headless
Chromium (click Send to the turn's last update drawn: the product cards carry the turn number, so
every turn here shows cards). The browser's extra time is what the page costs a shopper: Gradio's
queue, the streamed updates and drawing. Reports p50 per turn of both and the p50 of the
per-turn difference; the issue's bar is a difference within 150 ms for template replies. Writes
bench/results/browser_latency.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

DIALOGUE = ("running shoes under $120", "cheaper", "in black", "show more", "compare 1 and 2",
            "headphones", "no sony", "the cheapest ones")
RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

# In the page, once the message is typed: press Send and wait (MutationObserver, no polling) until
# the cards show a new turn; returns the milliseconds from the click.
SEND_JS = """async (message) => {
  const cards = document.querySelector('#sa-cards');
  const turn = () => cards.querySelector('.sa-panel')?.dataset.turn;
  const before = turn();
  const start = performance.now();
  document.querySelector('#sa-send').click();
  await new Promise((resolve, reject) => {
    const seen = new MutationObserver(() => { if (turn() !== before) { seen.disconnect(); resolve(); } });
    seen.observe(cards, {subtree: true, childList: true, attributes: true, characterData: true});
    setTimeout(() => reject(new Error(`no new cards 20 s after sending '${message}'`)), 20000);
  });
  return performance.now() - start;
}"""


def api_round(url: str, session: str) -> list[float]:
    times = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for message in DIALOGUE:
            start = time.perf_counter()
            response = client.post("/api/chat", json={"session_id": session, "message": message})
            times.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
    return times


def browser_round(browser, url: str) -> list[float]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(url + "/")
    page.wait_for_selector("#sa-input textarea:not([disabled])")
    times = []
    for message in DIALOGUE:
        page.fill("#sa-input textarea", message)
        times.append(page.evaluate(SEND_JS, message))
    context.close()
    return times


def p50(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--preset", default="default")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from assistant.config import build_config
    from assistant.loop import Assistant
    from ui.ratelimit import RateLimit
    from ui.server import BackgroundServer, create_app, make_service

    assistant = Assistant.load(args.artifacts, build_config(args.preset))
    service = make_service(assistant, session_limit=RateLimit(0.0, 1), client_limit=RateLimit(0.0, 1))
    api, page = [], []
    with BackgroundServer(create_app(service)) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        api_round(server.url, "warm-up"), browser_round(browser, server.url)  # first-use costs out of the way
        for round_ in range(args.rounds):
            api.append(api_round(server.url, f"round-{round_}"))
            page.append(browser_round(browser, server.url))
        browser.close()
    turns = [{"message": message, "api_p50_ms": p50([r[i] for r in api]), "browser_p50_ms": p50([r[i] for r in page])}
             for i, message in enumerate(DIALOGUE)]
    extra = [b - a for api_r, page_r in zip(api, page, strict=True) for a, b in zip(api_r, page_r, strict=True)]
    report = {"preset": args.preset, "rounds": args.rounds, "turns": turns,
              "api_p50_ms": p50([t for r in api for t in r]), "browser_p50_ms": p50([t for r in page for t in r]),
              "browser_extra_p50_ms": p50(extra), "browser_extra_max_ms": round(max(extra), 1)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "browser_latency.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
