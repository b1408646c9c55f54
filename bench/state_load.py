"""Live state under load across server processes: 200 shoppers over 2 `shopassist serve`s sharing one
database, one server killed with SIGKILL mid-load, and no acknowledged cart line lost.

    .venv/bin/python bench/state_load.py --artifacts artifacts/demo-rules [--sessions 200] [--threads 32]
        [--state sqlite:///tmp/x.db | postgresql://user:pw@127.0.0.1/db] [--kill-after-s 8] [--preset rules]

Each shopper searches, then adds products turn by turn, sending each turn to one of the two servers
in turn (a session lives in the database, not in a process). After `--kill-after-s` the first server
gets SIGKILL; its shoppers' next turns fail to connect and go to the survivor. A turn counts as
acknowledged when its HTTP 200 reply says it added a product. At the end every shopper's cart is read
from the survivor and checked: every acknowledged line is there (none lost) and no product the
shopper was never shown is (no leak from another session). Connection failures to the killed server
are counted apart from errors (HTTP 5xx or a wrong reply). Writes bench/results/state_load.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SEARCHES = ("headphones", "running shoes under $120", "jackets", "kitchen", "backpacks", "watches")
ADDS = ("add the first one", "and the second one too", "add the third one", "add the fourth one")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, port: int, state: str) -> subprocess.Popen:
    cmd = [str(ROOT / ".venv" / "bin" / "shopassist"), "--preset", args.preset, "serve", "--artifacts",
           args.artifacts, "--port", str(port), "--state", state, "--session-rate", "0", "--client-rate", "0",
           "--sessions-per-client", str(args.sessions * 2)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
        if proc.poll() is not None:
            raise RuntimeError(f"server on {port} exited: {proc.stderr.read()[-2000:]}")
    raise RuntimeError(f"server on {port} did not start")


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.refused = 0

    def add(self, ms: float) -> None:
        with self.lock:
            self.latencies.append(ms)


def shopper(index: int, urls: list[str], dead: set[str], tally: Tally) -> tuple[str | None, list[str], set[str]]:
    """One shopper's turns; returns (session_id, product ids whose add was acknowledged, ids ever shown)."""
    rng = random.Random(index)
    session_id, acked, seen = None, [], set()
    turns = [rng.choice(SEARCHES)] + list(ADDS[: rng.randint(2, 4)])
    for turn_no, message in enumerate(turns):
        order = [urls[(index + turn_no) % 2], urls[(index + turn_no + 1) % 2]]
        for url in order:
            if url in dead:
                continue
            body = {"message": message, **({"session_id": session_id} if session_id else {})}
            started = time.perf_counter()
            try:
                response = httpx.post(f"{url}/api/chat", json=body, timeout=60)
            except httpx.TransportError:
                with tally.lock:
                    tally.refused += 1
                dead.add(url)  # killed: the other server takes the session over
                continue
            tally.add((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                tally.errors.append(f"{response.status_code} {response.text[:120]}")
                break
            reply = response.json()
            session_id = reply["session_id"]
            if reply["intent"]["kind"] == "add_to_cart" and reply["products"]:
                acked += [p["product_id"] for p in reply["products"]]
            seen |= {p["product_id"] for p in reply["products"]}
            break
    return session_id, acked, seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--artifacts", required=True)
    ap.add_argument("--preset", default="rules")
    ap.add_argument("--sessions", type=int, default=200)
    ap.add_argument("--threads", type=int, default=32)
    ap.add_argument("--state", default=None, help="database URL (default: a new SQLite file)")
    ap.add_argument("--kill-after-s", type=float, default=8.0)
    args = ap.parse_args()
    state = args.state or f"sqlite:///{tempfile.mkdtemp(prefix='state-load-')}/state.db"
    ports = [free_port(), free_port()]
    servers = [start_server(args, port, state) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    tally, dead, results = Tally(), set(), []
    killed_at = None
    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(args.threads) as pool:
            futures = [pool.submit(shopper, i, urls, dead, tally) for i in range(args.sessions)]
            while not all(f.done() for f in futures):
                if killed_at is None and time.perf_counter() - started > args.kill_after_s:
                    os.kill(servers[0].pid, signal.SIGKILL)
                    killed_at = round(time.perf_counter() - started, 1)
                    dead.add(urls[0])
                time.sleep(0.05)
            results = [f.result() for f in futures]
        wall = time.perf_counter() - started
        lost = leaked = checked = 0
        survivor = urls[1]
        for session_id, acked, seen in results:
            if session_id is None:
                continue
            cart = httpx.get(f"{survivor}/api/cart", params={"session_id": session_id}, timeout=30).json()
            have = {line["product_id"] for line in cart["lines"]}
            checked += 1
            lost += len(set(acked) - have)
            # a turn cut by the kill may have saved an add it never acknowledged: only a product this
            # shopper was never shown is another shopper's
            leaked += len(have - seen)
    finally:
        for proc in servers:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
    lat = sorted(tally.latencies)
    report = {"sessions": args.sessions, "processes": 2, "state": state.split("://")[0], "turns": len(lat),
              "wall_s": round(wall, 1), "turns_per_s": round(len(lat) / wall, 1),
              "p50_ms": round(statistics.median(lat), 1) if lat else None,
              "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1) if lat else None,
              "killed_at_s": killed_at, "connection_refused": tally.refused, "errors": len(tally.errors),
              "carts_checked": checked, "acknowledged_lines": sum(len(a) for _, a, _s in results),
              "lost_lines": lost, "leaked_lines": leaked, "error_samples": tally.errors[:5]}
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "state_load.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
