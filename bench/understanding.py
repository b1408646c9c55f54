"""Understanding of shopper language no generator wrote: bench/data/shoppers/, per configuration.

Each built artifacts folder is one row (rules, the default LM, lm-quality...). The development
half may be studied: `--errors N` prints the first N wrong messages and failed dialogues. The
final half is scored only as totals: `--errors` is refused with `--part final`.

Usage:
    .venv/bin/python bench/understanding.py --shop demo --part dev rules=artifacts/demo-rules lm=artifacts/demo
    .venv/bin/python bench/understanding.py --shop demo --part final --json bench/results/understanding.json \\
        rules=artifacts/demo-rules lm=artifacts/demo
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_common import markdown, write_json  # noqa: E402

from assistant.config import build_config  # noqa: E402
from assistant.loop import Assistant  # noqa: E402
from assistant.offline.understanding import evaluate_sets  # noqa: E402

SETS = Path(__file__).resolve().parent / "data" / "shoppers"
PHENOMENA = ("price", "direction", "nonprice_number", "references", "negation", "clear", "category_grounding",
             "typos", "not_carried", "brand", "color", "cart", "casual", "smalltalk", "out_of_scope", "multi_intent")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("builds", nargs="+", help="LABEL=ARTIFACTS_DIR (the build's own config is used)")
    ap.add_argument("--shop", default="demo", help="demo or bigbasket (the set's catalog)")
    ap.add_argument("--part", choices=("dev", "final"), default="dev")
    ap.add_argument("--preset", default=None, help="config preset to load the builds with (default: recorded)")
    ap.add_argument("--errors", type=int, default=0, help="dev only: print this many wrong messages/dialogues")
    ap.add_argument("--json", help="write the summaries here")
    ap.add_argument("--card", action="store_true",
                    help="record each LM build's totals in its fine-tuned model's metadata and card (whole sets only)")
    ap.add_argument("--writers", default="",
                    help="only these writers' rows (comma-separated id prefixes, e.g. w8,w9,w10): a new round's "
                         "first reading, before anything is tuned on it")
    args = ap.parse_args()
    if args.errors and args.part == "final":
        ap.error("the final half is scored as totals only: no --errors")
    if args.card and args.writers:
        ap.error("--card records whole sets only: no --writers")
    singles = SETS / f"{args.shop}-singles-{args.part}.jsonl"
    dialogues = SETS / f"{args.shop}-dialogues-{args.part}.jsonl"
    # read once, before any build: every build is scored on the same rows, even if a set grows during the run
    singles, dialogues = (_snapshot(path, args.writers.split(",")) for path in (singles, dialogues))
    rows, summaries = [], {}
    for item in args.builds:
        label, _, art = item.partition("=")
        cfg = build_config(args.preset) if args.preset else None
        assistant = Assistant.load(art, cfg)
        started = time.perf_counter()
        summary, single_results, dialogue_results = evaluate_sets(assistant, singles, dialogues)
        summary["seconds"] = round(time.perf_counter() - started, 1)
        summaries[label] = summary
        if args.card:
            _record_on_card(assistant, summary, f"{args.shop} {args.part}")
        row = {"build": label, "messages": summary["messages"], "intent": summary.get("intent_accuracy"),
               "slot_f1": summary.get("slot_f1"), "exact": summary.get("exact_match"),
               "dialogues": summary["dialogues"], "dialogue_success": summary.get("dialogue_success")}
        row.update({tag: summary.get("phenomena", {}).get(tag, {}).get("correct") for tag in PHENOMENA})
        rows.append(row)
        if args.errors:
            wrong = [r for r in single_results if not r.correct][: args.errors]
            print(f"\n## {label}: wrong messages (first {len(wrong)})")
            for r in wrong:
                print(f"- {r.id} [{r.parser}] gold {r.gold} got {r.predicted}")
            failed = [d for d in dialogue_results if not d.success][: args.errors]
            print(f"\n## {label}: failed dialogues (first {len(failed)})")
            for d in failed:
                print(f"- {d.id}: " + "; ".join(d.failures[:3]))
    print(f"\n{args.shop} {args.part}: {singles.name}, {dialogues.name}\n")
    for columns in (["build", "messages", "intent", "slot_f1", "exact", "dialogues", "dialogue_success"],
                    ["build", *PHENOMENA]):
        print(markdown(columns, [["-" if r[c] is None else r[c] for c in columns] for r in rows]) + "\n")
    for label, summary in summaries.items():
        print(_where_lost(label, summary))
    if args.json:
        write_json(args.json, {"shop": args.shop, "part": args.part, "builds": summaries})


def _where_lost(label: str, summary: dict) -> str:
    """Per slot precision and recall, the commonest wrong kinds and the dialogue checks that failed: totals
    that point at where a part loses, without showing any message (so they are printed for the final half too)."""
    slots = summary.get("slots", {})
    rows = [[slot, t["gold"], t["predicted"], t["matched"],
             round(t["matched"] / t["predicted"], 3) if t["predicted"] else "-",
             round(t["matched"] / t["gold"], 3) if t["gold"] else "-"] for slot, t in slots.items()]
    out = [f"### {label}: where it loses\n",
           markdown(["slot", "gold", "predicted", "matched", "precision", "recall"], rows) + "\n"]
    kinds = list(summary.get("kinds", {}).items())[:12]
    if kinds:
        out.append(markdown(["wrong kind (gold -> read)", "messages"], [list(k) for k in kinds]) + "\n")
    turn_kinds = list(summary.get("dialogue_kinds", {}).items())[:12]
    if turn_kinds:
        out.append(markdown(["wrong kind in a dialogue turn (expected -> read)", "turns"],
                            [list(k) for k in turn_kinds]) + "\n")
    checks = list(summary.get("dialogue_checks", {}).items())
    if checks:
        out.append(markdown(["dialogue check that failed", "dialogues"], [list(c) for c in checks]) + "\n")
    return "\n".join(out)


def _record_on_card(assistant: Assistant, summary: dict, set_name: str) -> None:
    """The totals into the model card of the LM this build parses with (nothing for a rules build)."""
    from assistant.training.cache import record_independent

    lm = getattr(assistant.parser, "lm", None)
    if lm is None:
        return
    record_independent(lm.path, {
        "set": set_name, "measured": time.strftime("%Y-%m-%d"), "messages": summary["messages"],
        "dialogues": summary["dialogues"], "intent": summary["intent_accuracy"], "slot_f1": summary["slot_f1"],
        "exact": summary["exact_match"], "dialogue_success": summary["dialogue_success"]})


def _snapshot(path: Path, writers: list[str]) -> Path:
    """A temporary copy of the set, with only the rows whose id starts with one of `writers` + "-" when any."""
    import tempfile

    prefixes = tuple(f"{w.strip()}-" for w in writers if w.strip())
    out = Path(tempfile.mkdtemp(prefix="shoppers-")) / path.name
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        dst.writelines(line for line in src if not prefixes or json.loads(line)["id"].startswith(prefixes))
    return out


if __name__ == "__main__":
    main()
