"""Load on the HTTP API: concurrent shoppers, each a short scripted dialogue, on 127.0.0.1 only.

    .venv/bin/python bench/load.py --artifacts artifacts/demo [--sessions 8] [--rounds 3] [--preset tiny]
        [--session-rate 2 --session-burst 10] [--client-rate 0]

Starts the real server (chat + API) on a free loopback port in this process, runs `--sessions`
shoppers in parallel, each `--rounds` times through a 5-turn dialogue (search, refine, add,
cart, why) with its own session id, and reports latency per turn (p50/p95/max), throughput and
errors. It also checks what the users would notice first: each shopper's cart holds only what
that shopper added. The server runs with `shopassist serve`'s per-session rate limit; the
per-client (IP) limit is off by default here, since every shopper comes from 127.0.0.1. HTTP 429
answers are counted as `rate_limited` and 503 answers (the model's waiting line full) as
`overloaded`, apart from `errors`; /api/health is probed every half second meanwhile. Bounded by count and by
`--max-seconds`; writes bench/results/load.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

DIALOGUE = ("running shoes under $120", "cheaper", "add the first one to my cart", "what's in my cart?",
            "why these?")
RESULTS = Path(__file__).resolve().parent / "results"


def shopper(url: str, name: str, rounds: int, deadline: float) -> dict:
    """One shopper's dialogues; returns latencies (ms), error count and whether the cart stayed theirs."""
    latencies, errors, limited, overloaded, added, cart_ok = [], 0, 0, 0, set(), True
    with httpx.Client(base_url=url, timeout=60) as client:
        for round_ in range(rounds):
            for message in DIALOGUE:
                if time.monotonic() > deadline:
                    return {"latencies": latencies, "errors": errors, "limited": limited, "overloaded": overloaded,
                            "cart_ok": cart_ok}
                start = time.perf_counter()
                response = client.post("/api/chat", json={"session_id": f"{name}-{round_}", "message": message})
                latencies.append((time.perf_counter() - start) * 1000)
                if response.status_code == 429:  # deliberate: over a rate
                    limited += 1
                    continue
                if response.status_code == 503:  # deliberate: the model's waiting line is full
                    overloaded += 1
                    continue
                if response.status_code != 200:
                    errors += 1
                    continue
                products = {p["product_id"] for p in response.json()["products"]}
                if message.startswith("add"):
                    added = products
                elif message.startswith("what's in"):
                    cart_ok &= products == added
    return {"latencies": latencies, "errors": errors, "limited": limited, "overloaded": overloaded,
            "cart_ok": cart_ok}


def health_probe(url: str, stop, out: list[float]) -> None:
    """GET /api/health every half second while the shoppers run; its latencies in ms."""
    with httpx.Client(base_url=url, timeout=30) as client:
        while not stop.is_set():
            start = time.perf_counter()
            client.get("/api/health")
            out.append((time.perf_counter() - start) * 1000)
            stop.wait(0.5)


def run(url: str, sessions: int, rounds: int, max_seconds: float) -> dict:
    import threading

    deadline = time.monotonic() + max_seconds
    stop, health = threading.Event(), []
    probe = threading.Thread(target=health_probe, args=(url, stop, health), daemon=True)
    probe.start()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        results = list(pool.map(lambda i: shopper(url, f"shopper{i}", rounds, deadline), range(sessions)))
    wall = time.perf_counter() - start
    stop.set()
    probe.join(timeout=30)
    latencies = sorted(ms for r in results for ms in r["latencies"])
    if not latencies:
        raise RuntimeError("no request finished inside --max-seconds")
    return {
        "sessions": sessions, "rounds": rounds, "turns": len(latencies), "requests": len(latencies),
        "wall_s": round(wall, 2),
        "turns_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1),
        "max_ms": round(latencies[-1], 1),
        "errors": sum(r["errors"] for r in results),
        "rate_limited": sum(r["limited"] for r in results),
        "overloaded": sum(r["overloaded"] for r in results),
        "health_max_ms": round(max(health), 1) if health else None,
        "health_p95_ms": round(sorted(health)[min(len(health) - 1, int(0.95 * len(health)))], 1) if health else None,
        "carts_isolated": all(r["cart_ok"] for r in results),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--preset", default="default")
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--session-rate", type=float, default=None, help="default: shopassist serve's")
    parser.add_argument("--session-burst", type=int, default=None)
    parser.add_argument("--client-rate", type=float, default=0.0, help="per-IP limit; 0 = off (default)")
    parser.add_argument("--client-burst", type=int, default=60)
    args = parser.parse_args()

    from assistant.config import build_config
    from assistant.loop import Assistant
    from ui.ratelimit import SESSION_LIMIT, RateLimit
    from ui.server import BackgroundServer, create_app, make_service

    session_limit = RateLimit(SESSION_LIMIT.rate_per_s if args.session_rate is None else args.session_rate,
                              args.session_burst or SESSION_LIMIT.burst)
    assistant = Assistant.load(args.artifacts, build_config(args.preset))
    service = make_service(assistant, session_limit=session_limit,
                           client_limit=RateLimit(args.client_rate, args.client_burst))
    with BackgroundServer(create_app(service)) as server:
        report = run(server.url, args.sessions, args.rounds, args.max_seconds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0 if report["errors"] == 0 and report["carts_isolated"] else 1


if __name__ == "__main__":
    sys.exit(main())
