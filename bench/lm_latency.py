"""Latency per turn with the LM (parse + retrieve + rerank + reply), p50/p95, and time to first token.

Runs scripted multi-turn conversations (200 turns by default) through `Assistant.respond_stream`
for each model and quantisation, and measures greedy decoding speed.

Usage:
    .venv/bin/shopassist build --data data/demo --out artifacts/bench-rules        # any build (rules is fine)
    .venv/bin/python bench/lm_latency.py --artifacts artifacts/bench-rules \
        --model MODEL_DIR --quantize none --quantize int8 --quantize bf16 [--model TINY_DIR] [--turns 200] \
        [--speculate 0 --speculate 4] [--prior-weight 0 --prior-weight 1] [--report latency.html]

"tokens per pass" is decoded tokens over forward passes (prompt passes included): speculative
decoding (`--speculate N`, `assistant/lm/draft.py`) raises it; "decode tokens/s" is always plain
one-token-per-pass decoding, the model's raw speed on this machine. "prior" is the intent prior's
weight (`assistant/lm/prior.py`; 0 = off; a model folder without `intent_prior.npz` has none).
`--report FILE.html` also writes a self-contained page with the histogram of turn latencies per row
(`assistant/offline/report.py`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_common import write_json  # noqa: E402

from assistant.config import AssistantConfig, build_config  # noqa: E402
from assistant.loop import Assistant  # noqa: E402
from assistant.types import Reply  # noqa: E402

SCRIPT = ["hi", "running shoes under 100", "in blue", "cheaper", "not nike", "show more", "compare 1 and 2",
          "tell me about the second one", "add the first one to my cart", "why these?",
          "headphones", "sony ones under 200", "what's in my cart", "recommend me something",
          "a black jacket", "between 100 and 250", "details on the third one", "what's the weather like",
          "laptops for work", "thanks"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_turns(bot: Assistant, turns: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"turn": [], "first_token": [], "parse": [], "reply": []}
    session = bot.new_session("U0007")
    for i in range(turns):
        if i % len(SCRIPT) == 0:
            session = bot.new_session("U0007")
        start = time.perf_counter()
        reply = [item for item in bot.respond_stream(session, SCRIPT[i % len(SCRIPT)])][-1]
        assert isinstance(reply, Reply)
        timings["turn"].append((time.perf_counter() - start) * 1000)
        timings["first_token"].append(reply.timings_ms.get("first_token", timings["turn"][-1]))
        timings["parse"].append(reply.timings_ms.get("parse", 0.0))
        timings["reply"].append(reply.timings_ms.get("reply", 0.0))
    return timings


def measure(art: str, model: str | None, quantize: str, turns: int, threads: int, speculate: int = 0,
            prior_weight: float = 1.0, samples: dict[str, list[float]] | None = None) -> dict:
    """One row of the table; `samples`, when given, gets the row's turn latencies (ms) under its label."""
    overrides = {"parser": "lm", "writer": "lm", "lm_model": model, "lm_quantize": quantize,
                 "lm_threads": threads, "lm_speculate": speculate,
                 "lm_prior_weight": prior_weight} if model else {"lm_threads": threads}
    bot = Assistant.load(art, build_config("default" if model else "rules", overrides={"assistant": overrides}))
    run_turns(bot, 5)  # warm-up: first calls pay one-off costs (allocations, oneDNN kernels)
    counts = dict(bot.parser.lm.decode_counts) if model else {}
    t = run_turns(bot, turns)
    row = {"model": Path(model).name if model else "rules + template", "quantize": quantize if model else "-",
           "speculate": speculate if model else "-", "turns": turns,
           "prior": (f"{prior_weight:g}" if bot.parser.prior is not None else "none") if model else "-"}
    if samples is not None:
        samples[label(row)] = t["turn"]
    for key, values in t.items():
        row[f"{key}_p50"] = round(statistics.median(values), 1)
        row[f"{key}_p95"] = round(percentile(values, 0.95), 1)
    if model:
        from assistant.lm.model import decode_speed

        lm = bot.parser.lm
        passes, tokens = (lm.decode_counts[k] - counts[k] for k in ("passes", "tokens"))
        row["tokens_per_pass"] = round(tokens / max(passes, 1), 2)  # prompt passes included
        row["tokens_per_s"] = decode_speed(lm, tokens=32)["tokens_per_s"]
        row["parameters"] = bot.parser.lm.n_parameters()
    return row


def label(row: dict) -> str:
    if row["quantize"] == "-":
        return row["model"]
    return f"{row['model']} {row['quantize']} drafts={row['speculate']} prior={row['prior']}"


def latency_page(rows: list[dict], samples: dict[str, list[float]]):
    """The report: a histogram of turn latencies per row, p50/p95 marked when there is one row."""
    from assistant.offline.report import Report, histogram

    page = Report("Turn latency (bench/lm_latency.py)",
                  f"{rows[0]['turns']} scripted turns per row through Assistant.respond_stream" if rows else "")
    marks = {"p50": rows[0]["turn_p50"], "p95": rows[0]["turn_p95"]} if len(rows) == 1 else None
    table = [{"row": label(r), "turns": r["turns"], "turn p50 ms": r["turn_p50"], "turn p95 ms": r["turn_p95"],
              "first token p50 ms": r["first_token_p50"], "parse p50 ms": r["parse_p50"]} for r in rows]
    page.add("turn latency", histogram(samples, "turn latency (ms)", marks=marks), list(table[0]) if table else [],
             table, "Time from the message to the final reply, every turn of the script (warm-up turns excluded).")
    return page


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--artifacts", required=True)
    p.add_argument("--model", action="append", default=[])
    p.add_argument("--quantize", action="append", default=None)
    p.add_argument("--speculate", type=int, action="append", default=None,
                   help="draft tokens checked per pass (repeatable; 0 = plain decoding; default: the config's)")
    p.add_argument("--prior-weight", type=float, action="append", default=None,
                   help="intent prior weight (repeatable; 0 = off; default: the config's)")
    p.add_argument("--turns", type=int, default=200)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--no-rules", action="store_true", help="skip the rules + template baseline row")
    p.add_argument("--json", default=None)
    p.add_argument("--report", default=None, metavar="FILE.html", help="also write an HTML page with histograms")
    args = p.parse_args(argv)
    samples: dict[str, list[float]] = {}
    rows = [] if args.no_rules else [measure(args.artifacts, None, "-", args.turns, args.threads, samples=samples)]
    for model in args.model:
        for quantize in args.quantize or ["int8"]:
            for speculate in args.speculate or [AssistantConfig().lm_speculate]:
                for weight in args.prior_weight or [AssistantConfig().lm_prior_weight]:
                    rows.append(measure(args.artifacts, model, quantize, args.turns, args.threads, speculate, weight,
                                        samples))
                    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print("| model | weights | drafts | prior | parse p50 | reply p50 | turn p50 | turn p95 | first token p50 "
          "| first token p95 | tokens per pass | decode tokens/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['model']} | {r['quantize']} | {r['speculate']} | {r['prior']} | {r['parse_p50']:.0f} ms | "
              f"{r['reply_p50']:.0f} ms | {r['turn_p50']:.0f} ms | {r['turn_p95']:.0f} ms | "
              f"{r['first_token_p50']:.0f} ms | {r['first_token_p95']:.0f} ms | {r.get('tokens_per_pass', '-')} | "
              f"{r.get('tokens_per_s', '-')} |")
    if args.json:
        write_json(args.json, rows)
    if args.report:
        from assistant.offline.report import write_report

        write_report(latency_page(rows, samples), args.report, lambda message: print(message, file=sys.stderr))
    return 0


if __name__ == "__main__":
    sys.exit(main())
