"""Many shoppers at once with the fine-tuned LM: batched decoding against one decode at a time.

    .venv/bin/python bench/lm_concurrency.py --artifacts ART [--sessions 1 5 20 50] [--seconds 30]
        [--http] [--paths batched serial]

For each path (`batched`: `assistant.lm_batching` true, decodes of concurrent turns share forward
passes, assistant/lm/batching.py, each row's int8 products as in its own pass; `batched-shared`: the
same with one int8 activation scale per pass, `DecodeBatcher.rows_alone` false; `serial`:
`lm_batching` false, each decode alone behind the service's turn lock, as before; a "+memo" suffix keeps
reply decodes by prompt, `assistant.lm_reply_memo`, off on the paths without it) and
each session count, that many shoppers run multi-turn dialogues back to back, with no pause between
turns (a closed loop: a shopper sends its next message when the last reply is in), for `--seconds`
after one warm-up dialogue. Every shopper starts a new session per dialogue. Reported: turns/s,
p50/p95/max turn latency, LM-parsed turns, and (batched) the mean rows per forward pass (prompt passes have one), the
worker's busy share of the wall time, the share of its busy time spent in prompt passes and the
mean prompt length in tokens. Then
`--check` shoppers' dialogues run one at a time on the serial path and all at once on the batched
path, and the turns whose reply and raw LM parse agree are counted (see `agreement`).

By default the turns go through `ui.service.ChatService.ask` in this process (the service layer the
HTTP API calls, with its turn lock and waiting line), because an HTTP server and its clients in the
same process would take their share of the 2 cores and blur the comparison; `--http` sends them to
`POST /api/chat` of the real server on a loopback port instead. The waiting line is raised to 64
turns so that 50 shoppers are served, not refused. Both paths run in the same process, one after
the other, on the same loaded model. Writes bench/results/lm_concurrency.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Multi-turn dialogues on the demo shop: searches and refinements the LM parses, a few acts the rules
# read, and the LM-written replies that go with them.
DIALOGUES = (
    ("running shoes under $120", "any in blue?", "not nike", "cheaper", "add the first one to my cart",
     "what's in my cart?"),
    ("i need headphones for the gym", "wireless ones under 100", "show me more", "compare the first two",
     "thanks!"),
    ("a warm jacket for hiking", "from the north face", "in black", "why these?", "add the 2nd one"),
    ("laptops", "something under 900", "only apple", "actually no, show me smartphones instead",
     "what about samsung"),
)
RESULTS = Path(__file__).resolve().parent / "results"
PATHS = ("batched", "batched-shared", "serial")


def path_config(base, path: str):
    """The build's config for a path: batching on unless serial; "+memo" keeps reply decodes (off otherwise)."""
    return dataclasses.replace(base, assistant=dataclasses.replace(
        base.assistant, lm_batching=not path.startswith("serial"),
        lm_reply_memo=base.assistant.lm_reply_memo if path.endswith("+memo") else 0))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Shoppers:
    """`sessions` shopper threads running dialogues until a deadline; each turn's latency and parser."""

    def __init__(self, turn, sessions: int, seconds: float):
        self.turn, self.sessions, self.seconds = turn, sessions, seconds
        self.latencies: list[float] = []
        self.lm_turns = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def shopper(self, index: int, deadline: float, prefix: str) -> None:
        round_ = 0
        while time.monotonic() < deadline:
            messages = DIALOGUES[(index + round_) % len(DIALOGUES)]
            key = f"{prefix}-{index}-{round_}"
            for message in messages:
                if time.monotonic() >= deadline:
                    return
                start = time.perf_counter()
                try:
                    parser = self.turn(key, message)
                except Exception as exc:  # noqa: BLE001  (counted and reported)
                    with self.lock:
                        self.errors.append(f"{type(exc).__name__}: {exc}"[:200])
                    continue
                elapsed = time.perf_counter() - start
                if time.monotonic() <= deadline:  # a turn finished after the deadline is not counted
                    with self.lock:
                        self.latencies.append(elapsed)
                        self.lm_turns += parser == "lm"
            round_ += 1

    def run(self, prefix: str) -> dict:
        deadline = time.monotonic() + self.seconds
        threads = [threading.Thread(target=self.shopper, args=(i, deadline, prefix)) for i in range(self.sessions)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = min(time.perf_counter() - start, self.seconds)
        lat = self.latencies
        if not lat:  # none finished in time: reported as such
            return {"sessions": self.sessions, "turns": 0, "seconds": round(wall, 1), "turns_per_s": 0.0,
                    "p50_ms": None, "p95_ms": None, "max_ms": None, "lm_parsed": None,
                    "errors": len(self.errors), "first_error": self.errors[0] if self.errors else None}
        return {"sessions": self.sessions, "turns": len(lat), "seconds": round(wall, 1),
                "turns_per_s": round(len(lat) / wall, 2),
                "p50_ms": round(statistics.median(lat) * 1000), "p95_ms": round(percentile(lat, 0.95) * 1000),
                "max_ms": round(max(lat) * 1000), "lm_parsed": round(self.lm_turns / len(lat), 2),
                "errors": len(self.errors), "first_error": self.errors[0] if self.errors else None}


def service_turn(service):
    def turn(key: str, message: str) -> str:
        chat = service.session(key)
        return service.ask(chat, message).trace.parser
    return turn


def http_turn(url: str):
    import httpx

    local = threading.local()

    def turn(key: str, message: str) -> str:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=url, timeout=120)
        response = local.client.post("/api/chat", json={"session_id": key, "message": message})
        response.raise_for_status()
        return "lm" if response.json().get("trace", {}).get("parser") == "lm" else "?"
    return turn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--preset", default="default")
    parser.add_argument("--config", default=None, help="TOML file over the preset (as `shopassist --config`)")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 20, 50])
    parser.add_argument("--seconds", type=float, default=30.0, help="measured seconds per path and session count")
    parser.add_argument("--paths", nargs="+", default=["batched", "serial"],
                        choices=[f"{p}{m}" for p in PATHS for m in ("", "+memo")])
    parser.add_argument("--threads", type=int, default=0, help="assistant.lm_threads (torch threads; 0: torch's "
                                                                "default)")
    parser.add_argument("--switch-interval", type=float, default=0.0,
                        help="sys.setswitchinterval for this process (0: Python's 5 ms); shorter lets the decode "
                             "worker take the GIL back sooner from the turn threads")
    parser.add_argument("--check", type=int, default=20, help="shoppers in the serial-vs-batched agreement check "
                                                               "(0: none)")
    parser.add_argument("--http", action="store_true", help="POST /api/chat on a loopback server instead of the "
                                                            "service layer in this process")
    args = parser.parse_args()
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)

    from assistant.config import build_config
    from assistant.loop import Assistant
    from ui.ratelimit import RateLimit
    from ui.server import BackgroundServer, create_app
    from ui.service import ChatService

    base = build_config(args.preset, args.config)
    base = dataclasses.replace(base, assistant=dataclasses.replace(base.assistant, lm_threads=args.threads))
    if "lm" not in (base.assistant.parser, base.assistant.writer):
        raise SystemExit(f"preset {args.preset} uses no LM: nothing to batch")
    report = {"command": " ".join(sys.argv), "started": time.strftime("%Y-%m-%d %H:%M:%S"),
              "load_before": os.getloadavg()[0], "transport": "http" if args.http else "service", "runs": []}
    for path in args.paths:
        assistant = Assistant.load(args.artifacts, path_config(base, path))
        lm = getattr(assistant.parser, "lm", None) or getattr(assistant.writer, "lm", None)
        if lm is None:
            raise SystemExit(f"the build in {args.artifacts} has no fine-tuned LM")
        if lm.batcher is not None:
            lm.batcher.rows_alone = path.removesuffix("+memo") == "batched"
        memo = getattr(assistant.writer, "memo", None)
        service = ChatService(assistant, max_waiting=max(64, 2 * max(args.sessions)),
                              session_limit=RateLimit(0.0, 1), client_limit=RateLimit(0.0, 1),
                              max_sessions=100_000, max_per_client=100_000)
        server = BackgroundServer(create_app(service)) if args.http else None
        turn = http_turn(server.__enter__().url) if server is not None else service_turn(service)
        try:
            Shoppers(turn, 1, 8.0).run(f"warm-{path}")  # first passes, caches, thread start-up
            for sessions in args.sessions:
                counts = dict(lm.batcher.counts) if lm.batcher is not None else None
                memo_before = dict(memo.counts) if memo is not None else None
                result = Shoppers(turn, sessions, args.seconds).run(f"{path}-{sessions}")
                result["path"] = path
                result["load"] = round(os.getloadavg()[0], 2)
                if memo_before is not None:
                    hits, misses = (memo.counts[k] - memo_before[k] for k in ("hits", "misses"))
                    result["reply_memo_hits"] = round(hits / max(hits + misses, 1), 2)
                if counts is not None:
                    now = lm.batcher.counts
                    passes = now["passes"] - counts["passes"]
                    result["rows_per_pass"] = round((now["rows"] - counts["rows"]) / max(passes, 1), 2)
                    busy = now["busy_s"] - counts["busy_s"]
                    result["worker_busy"] = round(busy / result["seconds"], 2)
                    result["prompt_share"] = round((now["prompt_s"] - counts["prompt_s"]) / max(busy, 1e-9), 2)
                    prompts = now["prompt_passes"] - counts["prompt_passes"]
                    result["prompt_tokens"] = round((now["prompt_tokens"] - counts["prompt_tokens"]) / max(prompts, 1))
                report["runs"].append(result)
                print(json.dumps(result), flush=True)
        finally:
            if server is not None:
                server.__exit__(None, None, None)
    if args.check:
        report["agreement"] = agreement(args.artifacts, base, args.check, [p for p in args.paths if p != "serial"])
        print(json.dumps(report["agreement"]), flush=True)
    report["load_after"] = os.getloadavg()[0]
    serial = {r["sessions"]: r for r in report["runs"] if r["path"] == "serial"}
    for run in report["runs"]:
        if run["path"] != "serial" and run["sessions"] in serial:
            run["x_serial_turns_per_s"] = round(run["turns_per_s"] / serial[run["sessions"]]["turns_per_s"], 2)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "lm_concurrency.json").write_text(json.dumps(report, indent=2))
    print(table(report["runs"]))
    return 0 if all(r["errors"] == 0 for r in report["runs"]) else 1


def agreement(artifacts: str, base, shoppers: int, paths: list[str]) -> dict:
    """Do batched turns say what one-at-a-time turns say? `shoppers` dialogues run one after another on the
    serial path, then all at once on the batched path; counted per turn: the same reply text, the same raw
    LM parse. With float weights they match token for token (tests/test_lm_batching.py); with int8
    weights a row's activations share one quantisation scale with the other rows of its pass."""
    from assistant.loop import Assistant
    from ui.service import ChatService

    def dialogues(path: str, parallel: bool) -> dict:
        assistant = Assistant.load(artifacts, path_config(base, path))
        if assistant.parser.lm.batcher is not None:
            assistant.parser.lm.batcher.rows_alone = path.removesuffix("+memo") == "batched"
        service = ChatService(assistant, max_waiting=4 * shoppers, max_sessions=100_000,
                              max_per_client=100_000, turn_timeout_s=600)
        out: dict = {}

        def one(i: int) -> None:
            chat = service.session(f"check-{i}")
            replies = [service.ask(chat, m) for m in DIALOGUES[i % len(DIALOGUES)]]
            out[i] = [(r.text, r.trace.lm_output) for r in replies]

        threads = [threading.Thread(target=one, args=(i,)) for i in range(shoppers)]
        for thread in threads:
            thread.start()
            if not parallel:
                thread.join()
        for thread in threads:
            thread.join()
        return out

    serial = dialogues("serial", parallel=False)
    report = {"shoppers": shoppers, "turns": sum(len(t) for t in serial.values()),
              "lm_parses": sum(a[1] is not None for t in serial.values() for a in t)}
    for path in paths:
        batched = dialogues(path, parallel=True)
        turns = [(a, b) for i in serial for a, b in zip(serial[i], batched[i], strict=True)]
        report[path] = {"same_reply": sum(a[0] == b[0] for a, b in turns),
                        "same_lm_parse": sum(a[1] == b[1] for a, b in turns if a[1] is not None)}
    return report


def table(runs: list[dict]) -> str:
    lines = ["| path | sessions | turns | turns/s | x serial | p50 ms | p95 ms | max ms | LM-parsed | rows/pass "
             "| prompt share | reply memo hits |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        lines.append(f"| {r['path']} | {r['sessions']} | {r['turns']} | {r['turns_per_s']} | "
                     f"{r.get('x_serial_turns_per_s', '')} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
                     f"{r['lm_parsed']} | {r.get('rows_per_pass', '')} | {r.get('prompt_share', '')} | "
                     f"{r.get('reply_memo_hits', '')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
